// No imports on purpose: the browser bundle reads these to label model output.

/** The provider name of the offline model; a label that starts with it marks offline output. */
export const OFFLINE_PROVIDER = 'kairo-offline';

/** The label stored with a draft and shown in the UI: `provider/modelId`. */
export function modelLabel(model: { provider: string; modelId: string }): string {
  return `${model.provider}/${model.modelId}`;
}

export function isOfflineModelLabel(label: string | null | undefined): boolean {
  return !!label && label.startsWith(`${OFFLINE_PROVIDER}/`);
}
