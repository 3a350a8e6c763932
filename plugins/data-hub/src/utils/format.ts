const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Formats a count with thousands separators, e.g. `1,234,567`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Formats a size in bytes with binary units, e.g. `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return 'unknown';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

const relativeTimeFormat = new Intl.RelativeTimeFormat('en', {
  numeric: 'auto',
});

/** Formats `date` relative to `now`, e.g. `3 hours ago` or `yesterday`. */
export function formatRelativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) {
    return relativeTimeFormat.format(seconds, 'second');
  }
  if (abs < 3600) {
    return relativeTimeFormat.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 48 * 3600) {
    return relativeTimeFormat.format(Math.round(seconds / 3600), 'hour');
  }
  return relativeTimeFormat.format(Math.round(seconds / 86400), 'day');
}
