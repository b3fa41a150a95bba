import type { Channel } from '@/engines/enums';

export const CHANNEL_LABELS: Record<Channel, string> = {
  linkedin: 'LinkedIn',
  x: 'X',
  newsletter: 'Newsletter',
  instagram: 'Instagram',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};
