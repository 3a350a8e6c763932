import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import type { ReactElement } from 'react';

const useStyles = makeStyles((theme: Theme) => ({
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
  unknown: {},
  // The chip greys its icon by default; a coloured chip needs it in the text colour.
  icon: { color: 'inherit' },
}));

type ChipStatus = DatasetHealth['status'] | 'unknown';

const LOOK: Record<ChipStatus, { label: string; Icon: typeof ErrorIcon }> = {
  healthy: { label: 'Healthy', Icon: CheckCircleIcon },
  stale: { label: 'Stale', Icon: ScheduleIcon },
  failing: { label: 'Failing', Icon: ErrorIcon },
  unknown: { label: 'Unknown', Icon: HelpOutlineIcon },
};

/** @public */
export interface DatasetHealthChipProps {
  /** The dataset's health; without it the chip says "Unknown". */
  health?: Pick<DatasetHealth, 'status' | 'reason'>;
  /** The tooltip of the "Unknown" chip: why the health is not known. */
  unknownReason?: string;
  size?: 'small' | 'medium';
}

/**
 * Healthy / Stale / Failing as a coloured chip with an icon, so the status
 * reads without colour too; the tooltip says why.
 *
 * @public
 */
export function DatasetHealthChip(props: DatasetHealthChipProps) {
  const { health, unknownReason = 'Health unknown', size = 'small' } = props;
  const classes = useStyles();
  const status: ChipStatus = health?.status ?? 'unknown';
  const { label, Icon } = LOOK[status] ?? LOOK.unknown;
  const chip: ReactElement = (
    <Chip
      size={size}
      variant={status === 'unknown' ? 'outlined' : 'default'}
      className={classes[status]}
      icon={<Icon className={classes.icon} />}
      label={label}
      data-health-status={status}
    />
  );
  return <Tooltip title={health?.reason ?? unknownReason}>{chip}</Tooltip>;
}
