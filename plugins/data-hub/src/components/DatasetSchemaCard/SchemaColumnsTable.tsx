import { Table, TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { useMemo } from 'react';
import type { SchemaRow } from './schemaRows';

/** Page sizes offered below the column list. */
export const SCHEMA_PAGE_SIZE_OPTIONS = [50, 100, 250, 500];

const useStyles = makeStyles(theme => ({
  name: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    wordBreak: 'break-word',
  },
}));

function NameCell(props: { row: SchemaRow }) {
  const { row } = props;
  const classes = useStyles();
  return (
    <span className={classes.name}>
      <span className={classes.code}>{row.name}</span>
      {row.partitionKey && (
        <Chip
          size="small"
          variant="outlined"
          icon={<VpnKeyIcon fontSize="small" />}
          label="Partition key"
        />
      )}
      {row.pii && (
        <Chip
          size="small"
          color="secondary"
          label="PII"
          title="Personally identifiable information"
        />
      )}
    </span>
  );
}

function TypeCell(props: { row: SchemaRow }) {
  const classes = useStyles();
  return <code className={classes.code}>{props.row.type}</code>;
}

/**
 * The columns of one table, paged (50 a page by default) so that tables
 * with hundreds of columns stay responsive.
 */
export function SchemaColumnsTable(props: {
  rows: SchemaRow[];
  pageSize: number;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const { rows, pageSize, onPageSizeChange } = props;

  // material-table annotates rows and columns in place: give it its own copies.
  const data = useMemo(() => rows.map(row => ({ ...row })), [rows]);
  const columns = useMemo<TableColumn<SchemaRow>[]>(
    () => [
      {
        title: 'Name',
        field: 'name',
        highlight: true,
        render: row => <NameCell row={row} />,
      },
      {
        title: 'Type',
        field: 'type',
        render: row => <TypeCell row={row} />,
      },
      {
        title: 'Description',
        field: 'description',
        render: row =>
          row.description ? (
            <Typography variant="body2">{row.description}</Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              —
            </Typography>
          ),
      },
    ],
    [],
  );

  return (
    <Table<SchemaRow>
      columns={columns}
      data={data}
      onRowsPerPageChange={onPageSizeChange}
      options={{
        toolbar: false,
        search: false,
        paging: true,
        pageSize,
        pageSizeOptions: SCHEMA_PAGE_SIZE_OPTIONS,
        emptyRowsWhenPaging: false,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
