import { formatDateTime, fromNow } from '../../utils/dates';

/**
 * `3 hours ago`, with the exact instant (UTC) as tooltip and machine-readable
 * `dateTime`: "how long ago" is what tells whether a dataset is late, the
 * instant is what one quotes in an incident.
 */
export function RelativeTime(props: { iso: string; now: Date }) {
  const { iso, now } = props;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {fromNow(iso, now)}
    </time>
  );
}
