/** Snooze presets, in the person's own time zone: the start of a working morning. */
export const SNOOZE_PRESETS = [
  { id: 'tomorrow', label: 'Until tomorrow', days: 1 },
  { id: 'next-week', label: 'Until next week', days: 7 },
] as const;

export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

const MORNING_HOUR = 8;

/** 08:00 local time, `days` calendar days after `now` (a DST change moves the hour, not the day). */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  const until = new Date(now);
  until.setDate(until.getDate() + preset.days);
  until.setHours(MORNING_HOUR, 0, 0, 0);
  return until;
}
