import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatBytes, formatCount } from '../../utils/format';

const rows = (count?: number) =>
  count === undefined ? 'unknown' : formatCount(count);
const size = (bytes?: number) =>
  bytes === undefined ? 'unknown' : formatBytes(bytes);

/**
 * Rows and size of the dataset: one line for one table, a table per table
 * with the totals when there are several.
 */
export function DatasetSize(props: {
  health: Pick<DatasetHealth, 'rowCount' | 'sizeBytes' | 'tables'>;
}) {
  const { rowCount, sizeBytes, tables } = props.health;
  if (tables.length < 2) {
    return (
      <Typography variant="body2" component="span">
        {rows(rowCount)} rows, {size(sizeBytes)}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Rows and size per table">
      <TableHead>
        <TableRow>
          <TableCell>Table</TableCell>
          <TableCell align="right">Rows</TableCell>
          <TableCell align="right">Size</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tables.map(t => (
          <TableRow key={t.name}>
            <TableCell component="th" scope="row">
              {t.name}
            </TableCell>
            <TableCell align="right">{rows(t.rowCount)}</TableCell>
            <TableCell align="right">{size(t.sizeBytes)}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell component="th" scope="row">
            <strong>Total</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{rows(rowCount)}</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{size(sizeBytes)}</strong>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
