import Typography from '@material-ui/core/Typography';
import { formatHours } from './formatHours';

/**
 * The age of the data against the dataset's `spec.freshness.maxAgeHours`:
 * how far it is from going stale, or how long it has been overdue.
 */
export function DatasetAge(props: { ageHours?: number; maxAgeHours?: number }) {
  const { ageHours, maxAgeHours } = props;
  const maxAge =
    maxAgeHours === undefined
      ? 'no max age set (spec.freshness)'
      : `max age ${formatHours(maxAgeHours)}`;
  if (ageHours === undefined) {
    return (
      <Typography variant="body2" component="span">
        Unknown ({maxAge})
      </Typography>
    );
  }
  const overdue =
    maxAgeHours !== undefined && ageHours > maxAgeHours
      ? `, overdue by ${formatHours(ageHours - maxAgeHours)}`
      : '';
  return (
    <Typography variant="body2" component="span">
      {formatHours(ageHours)} ({maxAge}
      {overdue})
    </Typography>
  );
}
