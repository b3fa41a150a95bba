// Labels shown in the UI and written by the server, in one module the browser bundle can read: only a
// type import, so no server or engine code comes along.
import type { Channel, PatternCategory, PatternStatus } from '../engines/enums';

export const CHANNEL_LABELS: Record<Channel, string> = {
  linkedin: 'LinkedIn',
  x: 'X',
  newsletter: 'Newsletter',
  instagram: 'Instagram',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};

export const PATTERN_STATUS_LABELS: Record<PatternStatus, string> = {
  active: 'Active',
  experimental: 'Experimental',
  retired: 'Retired',
};

export const PATTERN_CATEGORY_LABELS: Record<PatternCategory, string> = {
  evergreen: 'Evergreen',
  launch: 'Launch',
  education: 'Education',
  engagement: 'Engagement',
};

/** The provider name of the offline model; a label that starts with it marks offline output. */
export const OFFLINE_PROVIDER = 'kairo-offline';

/** The label stored with a draft and shown in the UI: `provider/modelId`. */
export function modelLabel(model: { provider: string; modelId: string }): string {
  return `${model.provider}/${model.modelId}`;
}

export function isOfflineModelLabel(label: string | null | undefined): boolean {
  return !!label && label.startsWith(`${OFFLINE_PROVIDER}/`);
}
