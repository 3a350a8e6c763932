import type { LineageDirection } from '@cloud-data-hub/data-hub-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useId } from 'react';

/** Depths people may pick; the backend allows up to 10, beyond 5 graphs stop being readable in a card. */
export const LINEAGE_DEPTHS = [1, 2, 3, 4, 5] as const;

const DIRECTIONS: Array<{ value: LineageDirection; label: string }> = [
  { value: 'both', label: 'Both' },
  { value: 'upstream', label: 'Upstream' },
  { value: 'downstream', label: 'Downstream' },
];

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  depth: { minWidth: 120 },
  direction: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/** How far and which way the graph walks from the dataset. */
export function LineageControls(props: {
  depth: number;
  direction: LineageDirection;
  onDepthChange: (depth: number) => void;
  onDirectionChange: (direction: LineageDirection) => void;
}) {
  const { depth, direction, onDepthChange, onDirectionChange } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <div className={classes.controls}>
      <TextField
        id={`${id}-depth`}
        select
        label="Depth"
        value={depth}
        onChange={e => onDepthChange(Number(e.target.value))}
        SelectProps={{ native: true }}
        helperText="Dataset hops"
        variant="outlined"
        size="small"
        className={classes.depth}
      >
        {LINEAGE_DEPTHS.map(d => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </TextField>
      <div className={classes.direction}>
        <Typography variant="body2" id={`${id}-direction`}>
          Direction
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={direction}
          // A click on the pressed button would unselect it; a direction is always set.
          onChange={(_, value: LineageDirection | null) =>
            value && onDirectionChange(value)
          }
          aria-labelledby={`${id}-direction`}
        >
          {DIRECTIONS.map(d => (
            <ToggleButton key={d.value} value={d.value}>
              {d.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </div>
    </div>
  );
}
