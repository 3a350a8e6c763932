import { formatRelativeTime } from './format';

const dateFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/**
 * A day, e.g. `Feb 8, 2025`. Always in UTC: grants expire at an instant the
 * backend computes in UTC, and owners and consumers in different time zones
 * must read the same date.
 */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** An instant, e.g. `Feb 8, 2025, 14:05 UTC`. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** `iso` relative to now, e.g. `in 89 days` or `3 minutes ago`. */
export function fromNow(iso: string, now: Date = new Date(Date.now())): string {
  return formatRelativeTime(new Date(iso), now);
}

/** The instant `days` whole days after `from`. */
export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
}
