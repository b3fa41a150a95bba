/** The windows the insights page offers; the URL carries the choice (`?days=7`). */
export const WINDOW_CHOICES = [7, 30, 90] as const;
export type WindowChoice = (typeof WINDOW_CHOICES)[number];
export const DEFAULT_WINDOW: WindowChoice = 30;

export function windowFromParam(value: string | string[] | null | undefined): WindowChoice {
  const days = Number(Array.isArray(value) ? value[0] : value);
  return WINDOW_CHOICES.find((choice) => choice === days) ?? DEFAULT_WINDOW;
}
