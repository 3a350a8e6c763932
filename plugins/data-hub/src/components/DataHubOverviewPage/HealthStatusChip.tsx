import type { DatasetHealthStatus } from '@cloud-data-hub/data-hub-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  healthy: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  stale: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  failing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/**
 * The health of a dataset as a coloured chip: `failing` red, `stale` amber,
 * `healthy` green. The label is the status word itself, so the colour is
 * never the only cue.
 */
export function HealthStatusChip(props: { status: DatasetHealthStatus }) {
  const { status } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[status]}
      label={status}
      data-status={status}
    />
  );
}
