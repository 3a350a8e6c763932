import Typography from '@material-ui/core/Typography';
import { isForbidden, isNotFound } from '../../utils/errorStatus';
import { ErrorWithRetry } from '../ErrorWithRetry';

/**
 * A failed load of one dataset's health, usage or lineage. The backend
 * answers 403 for a dataset the viewer may not read and 404 for one its
 * catalog index has not read yet: both are expected, so they get a calm line
 * rather than a red error panel. Other errors show the panel and a retry.
 */
export function DatasetDataError(props: {
  error: Error;
  onRetry: () => void;
  /** What failed to load, e.g. `health`, as in "no health of this dataset". */
  what: string;
}) {
  const { error, onRetry, what } = props;
  if (isForbidden(error)) {
    // Retrying changes nothing: the permission policy decides.
    return (
      <Typography variant="body2" color="textSecondary">
        You may not see the {what} of this dataset: the portal's permission
        policy keeps it to those who may read the dataset.
      </Typography>
    );
  }
  return (
    <ErrorWithRetry error={error} onRetry={onRetry}>
      {isNotFound(error) && (
        <Typography variant="body2" color="textSecondary">
          The data hub knows no {what} of this dataset yet: it shows once the
          data hub has read the dataset from the catalog.
        </Typography>
      )}
    </ErrorWithRetry>
  );
}
