/**
 * A duration in hours as people say it: `45 min`, `6 h`, `3 days`. Hours up
 * to two days, as freshness limits are mostly set in hours (24, 36, 48).
 */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) {
    return 'unknown';
  }
  if (hours < 1) {
    return `${Math.round(hours * 60)} min`;
  }
  if (hours < 48) {
    return `${Math.round(hours)} h`;
  }
  const days = Math.round(hours / 24);
  return `${days} days`;
}
