import { formatDateTime, fromNow } from '../../utils/dates';

/** "6 hours ago (May 10, 2024, 06:00 UTC)": relative for a glance, absolute to compare with logs. */
export function WrittenAt(props: { at: string }) {
  const { at } = props;
  return (
    <>
      <time dateTime={at} title={at}>
        {fromNow(at)}
      </time>{' '}
      ({formatDateTime(at)})
    </>
  );
}
