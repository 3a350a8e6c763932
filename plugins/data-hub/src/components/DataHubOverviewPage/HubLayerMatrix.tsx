import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { formatCount } from '../../utils/format';
import type { CatalogDatasetsFilter } from './catalogLinks';
import type { HubLayerMatrix as Matrix } from './hubLayerMatrix';

const useStyles = makeStyles(theme => ({
  table: {
    // Numbers line up under their layer: the eye compares down a column.
    '& td, & th': { whiteSpace: 'nowrap' },
  },
  total: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  zero: {
    color: theme.palette.text.disabled,
  },
}));

const capitalize = (text: string) =>
  text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);

/**
 * A hub's name heading its row. The role is spelled out because Material UI
 * gives every body cell rendered as another element the role `cell`,
 * which would hide from screen readers that the hub names the row's counts.
 */
function RowHeader(props: { className?: string; children: ReactNode }) {
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      className={props.className}
    >
      {props.children}
    </TableCell>
  );
}

/** Props of {@link HubLayerMatrix}. */
export interface HubLayerMatrixProps {
  matrix: Matrix;
  /** Links to the catalog's filtered list; undefined when the app has no catalog. */
  catalogLink?: (filter?: CatalogDatasetsFilter) => string;
}

/**
 * Datasets per hub (rows) and layer (columns), with totals per hub, per
 * layer and overall. Each non-zero count opens the catalog's list filtered
 * the same way, so "12 prepared datasets in US" is one click from the 12.
 * Zeros are not links: an empty list is no place to go.
 */
export function HubLayerMatrix(props: HubLayerMatrixProps) {
  const { matrix, catalogLink } = props;
  const classes = useStyles();

  if (matrix.rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The catalog holds no dataset yet.
      </Typography>
    );
  }

  const count = (
    value: number,
    filter: CatalogDatasetsFilter,
    description: string,
  ) => {
    if (value === 0) {
      return <span className={classes.zero}>0</span>;
    }
    if (!catalogLink) {
      return formatCount(value);
    }
    return (
      <Link
        to={catalogLink(filter)}
        // The bare number says little out of the table's context.
        aria-label={`${formatCount(value)} ${description}`}
      >
        {formatCount(value)}
      </Link>
    );
  };

  return (
    <Table
      size="small"
      className={classes.table}
      aria-label="Datasets per hub and layer"
    >
      <TableHead>
        <TableRow>
          <TableCell>Hub</TableCell>
          {matrix.layers.map(layer => (
            <TableCell key={layer} align="right">
              {capitalize(layer)}
            </TableCell>
          ))}
          <TableCell align="right">All layers</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {matrix.rows.map(row => (
          <TableRow key={row.hub} data-hub={row.hub}>
            <RowHeader>{row.label}</RowHeader>
            {matrix.layers.map(layer => (
              <TableCell key={layer} align="right">
                {count(
                  row.counts[layer],
                  { hub: row.hub, layer },
                  `${layer} datasets in hub ${row.hub}`,
                )}
              </TableCell>
            ))}
            <TableCell align="right" className={classes.total}>
              {count(row.total, { hub: row.hub }, `datasets in hub ${row.hub}`)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow data-hub="all">
          <RowHeader className={classes.total}>All hubs</RowHeader>
          {matrix.layers.map(layer => (
            <TableCell key={layer} align="right" className={classes.total}>
              {count(
                matrix.layerTotals[layer],
                { layer },
                `${layer} datasets in all hubs`,
              )}
            </TableCell>
          ))}
          <TableCell align="right" className={classes.total}>
            {count(matrix.total, {}, 'datasets in all hubs')}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
