import { Link } from '@backstage/core-components';
import type { DataHubOverview } from '@cloud-data-hub/data-hub-common';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, ReactNode, useId } from 'react';
import { formatCount } from '../../utils/format';

const useStyles = makeStyles(theme => ({
  tile: {
    height: '100%',
    padding: theme.spacing(2),
    borderLeft: `6px solid ${theme.palette.divider}`,
  },
  total: { borderLeftColor: theme.palette.primary.main },
  healthy: { borderLeftColor: theme.palette.success.main },
  stale: { borderLeftColor: theme.palette.warning.main },
  failing: { borderLeftColor: theme.palette.error.main },
  value: {
    fontSize: '2.5rem',
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
}));

type TileKind = 'total' | 'healthy' | 'stale' | 'failing';

/** Props of {@link SummaryTiles}. */
export interface SummaryTilesProps {
  totals: DataHubOverview['totals'];
  /** The catalog's list of all datasets; undefined when the app has no catalog. */
  catalogLink?: string;
  /** The id of the "Stale or failing datasets" section the stale and failing tiles lead to. */
  unhealthyTargetId: string;
}

/**
 * Moves to the "Stale or failing" section: scrolls it into view and gives it
 * the focus, so that a keyboard or screen-reader user continues from there
 * (following a bare `#id` link leaves the focus on the link). The `href`
 * stays as the fallback without JavaScript and for "open in new tab".
 */
function goTo(targetId: string) {
  return (event: MouseEvent) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
  };
}

function Tile(props: {
  kind: TileKind;
  label: string;
  value: number;
  caption: ReactNode;
}) {
  const { kind, label, value, caption } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Paper
        component="section"
        aria-labelledby={id}
        variant="outlined"
        className={`${classes.tile} ${classes[kind]}`}
        data-tile={kind}
      >
        <Typography id={id} variant="overline" component="h2">
          {label}
        </Typography>
        <Typography className={classes.value} data-testid={`tile-${kind}`}>
          {formatCount(value)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {caption}
        </Typography>
      </Paper>
    </Grid>
  );
}

/**
 * The four figures at the top of the page: datasets in the catalog, and how
 * many are healthy, stale or failing. Stale and failing, when there are any,
 * lead to the list of them: that list is what one opens this page for.
 */
export function SummaryTiles(props: SummaryTilesProps) {
  const { totals, catalogLink, unhealthyTargetId } = props;
  const toList = (count: number, what: string) =>
    count > 0 ? (
      <Link
        to={`#${unhealthyTargetId}`}
        onClick={goTo(unhealthyTargetId)}
        // Contains the visible text, so voice control finds the link by it.
        aria-label={`Show the list of ${what} datasets`}
      >
        Show the list
      </Link>
    ) : (
      'None'
    );

  return (
    <Grid container spacing={2}>
      <Tile
        kind="total"
        label="Datasets"
        value={totals.datasets}
        caption={
          catalogLink ? (
            <Link to={catalogLink}>Browse in the catalog</Link>
          ) : (
            'In the catalog'
          )
        }
      />
      <Tile
        kind="healthy"
        label="Healthy"
        value={totals.healthy}
        caption="Fresh, and no job failing"
      />
      <Tile
        kind="stale"
        label="Stale"
        value={totals.stale}
        caption={toList(totals.stale, 'stale')}
      />
      <Tile
        kind="failing"
        label="Failing"
        value={totals.failing}
        caption={toList(totals.failing, 'failing')}
      />
    </Grid>
  );
}
