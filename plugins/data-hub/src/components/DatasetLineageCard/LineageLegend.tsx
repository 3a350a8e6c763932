import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SettingsIcon from '@material-ui/icons/Settings';
import { DECLARED_DASH } from './LineageEdge';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  line: {
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
  },
  box: {
    display: 'inline-block',
    width: 18,
    height: 12,
    borderRadius: 3,
    border: `1px solid ${theme.palette.grey[500]}`,
    backgroundColor: theme.palette.background.paper,
  },
  rootBox: {
    border: `3px solid ${theme.palette.primary.main}`,
  },
  externalBox: {
    border: `1px dashed ${theme.palette.grey[500]}`,
    backgroundColor: theme.palette.background.default,
  },
  jobIcon: {
    color: theme.palette.secondary.main,
  },
}));

/** What the graph's shapes and lines mean. */
export function LineageLegend() {
  const classes = useStyles();
  const item = (key: string, symbol: JSX.Element, text: string) => (
    <li key={key} className={classes.item}>
      {symbol}
      <Typography variant="caption" color="textSecondary">
        {text}
      </Typography>
    </li>
  );
  const line = (dash?: string) => (
    <svg width={28} height={8} aria-hidden>
      <line
        x1={0}
        y1={4}
        x2={28}
        y2={4}
        className={classes.line}
        strokeDasharray={dash}
      />
    </svg>
  );
  return (
    <ul className={classes.legend} aria-label="Legend">
      {item(
        'root',
        <span className={`${classes.box} ${classes.rootBox}`} />,
        'This dataset',
      )}
      {item('dataset', <span className={classes.box} />, 'Dataset')}
      {item(
        'external',
        <span className={`${classes.box} ${classes.externalBox}`} />,
        'External dataset (not in the catalog)',
      )}
      {item(
        'job',
        <SettingsIcon fontSize="small" className={classes.jobIcon} />,
        'Job',
      )}
      {item('observed', line(), 'Observed (reported by job runs)')}
      {item('declared', line(DECLARED_DASH), 'Declared (spec.upstream)')}
    </ul>
  );
}
