import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { DatasetFreshness } from '../../utils/freshness';
import { formatRelativeTime } from '../../utils/format';

const useStyles = makeStyles((theme: Theme) => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  fresh: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  stale: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

const STATUS_LABELS: Record<DatasetFreshness['status'], string> = {
  fresh: 'Fresh',
  stale: 'Stale',
  unknown: 'Freshness unknown',
};

/**
 * "Last updated 6 hours ago (max age 24 h)" with a Fresh / Stale chip.
 */
export function FreshnessStatus(props: {
  freshness: DatasetFreshness;
  now: Date;
}) {
  const { freshness, now } = props;
  const classes = useStyles();
  const maxAge =
    freshness.maxAgeHours === undefined
      ? 'no max age'
      : `max age ${freshness.maxAgeHours} h`;

  let statusClass: string | undefined;
  if (freshness.status === 'fresh') statusClass = classes.fresh;
  if (freshness.status === 'stale') statusClass = classes.stale;

  return (
    <div className={classes.root} data-testid="dataset-freshness">
      <Typography variant="body2" component="span">
        {freshness.lastUpdated ? (
          <>
            Last updated{' '}
            <time
              dateTime={freshness.lastUpdated.toISOString()}
              title={freshness.lastUpdated.toISOString()}
            >
              {formatRelativeTime(freshness.lastUpdated, now)}
            </time>{' '}
            ({maxAge})
          </>
        ) : (
          <>Last updated unknown ({maxAge})</>
        )}
      </Typography>
      <Chip
        size="small"
        variant={freshness.status === 'unknown' ? 'outlined' : 'default'}
        className={statusClass}
        label={STATUS_LABELS[freshness.status]}
        data-freshness={freshness.status}
      />
    </div>
  );
}
