export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * A whole-number setting: undefined when unset or blank; anything else that is not a whole number of at
 * least `min` throws, naming the variable: a typo shows up in the first use's error instead of silently meaning the default.
 */
export function wholeNumberFromEnv(
  env: Environment,
  name: string,
  { unit = '', min = 0 }: { unit?: string; min?: number } = {},
): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const what = `a whole number${unit ? ` of ${unit}` : ''}${min > 0 ? ` of at least ${min}` : ''}`;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`${name} must be ${what}, got "${value}"`);
  return Number(value);
}
