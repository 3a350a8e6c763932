import type {
  AccessGrantState,
  AccessRequestState,
} from '@cloud-data-hub/data-hub-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

const LABELS: Record<AccessRequestState | AccessGrantState, string> = {
  pending: 'Pending',
  approved: 'Approved',
  granted: 'Granted',
  'grant-failed': 'Grant failed',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  revoked: 'Revoked',
  live: 'Live',
};

/** What a state means for the person reading it, as a colour. */
type Tone = 'waiting' | 'good' | 'bad' | 'ended';

const TONES: Record<AccessRequestState | AccessGrantState, Tone> = {
  pending: 'waiting',
  approved: 'waiting',
  granted: 'good',
  live: 'good',
  'grant-failed': 'bad',
  rejected: 'bad',
  withdrawn: 'ended',
  expired: 'ended',
  revoked: 'ended',
};

const useStyles = makeStyles((theme: Theme) => ({
  waiting: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
  },
  good: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
  },
  bad: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.dark,
  },
  ended: {
    borderColor: theme.palette.text.disabled,
    color: theme.palette.text.secondary,
  },
}));

/** The human label of a request or grant state, e.g. `Grant failed`. */
export function accessStateLabel(state: string): string {
  return LABELS[state as AccessRequestState] ?? state;
}

/** A request's or grant's state as a small outlined chip, coloured by what it means. */
export function AccessStateChip(props: {
  state: AccessRequestState | AccessGrantState;
}) {
  const { state } = props;
  const classes = useStyles();
  const tone = TONES[state] ?? 'ended';
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[tone]}
      label={accessStateLabel(state)}
      data-state={state}
    />
  );
}
