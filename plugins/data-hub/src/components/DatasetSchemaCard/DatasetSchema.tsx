import { EmptyState } from '@backstage/core-components';
import type { DatasetTable } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { formatBytes, formatCount } from '../../utils/format';
import { filterSchemaRows, SchemaRow, toSchemaRows } from './schemaRows';
import { SchemaColumnsTable } from './SchemaColumnsTable';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  filter: {
    minWidth: 280,
    flex: '1 1 280px',
    maxWidth: 480,
  },
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    marginBottom: theme.spacing(2),
  },
  tab: {
    textTransform: 'none',
  },
  details: {
    marginBottom: theme.spacing(2),
    '& > * + *': { marginTop: theme.spacing(0.5) },
  },
  pending: {
    opacity: 0.6,
    transition: 'opacity 0.1s linear',
  },
}));

function tabLabel(table: DatasetTable, matches?: number): string {
  const rows =
    typeof table.rowCount === 'number'
      ? ` (${formatCount(table.rowCount)} rows)`
      : '';
  const matching = matches === undefined ? '' : ` · ${matches} matching`;
  return `${table.name}${rows}${matching}`;
}

function TableDetails(props: { table: DatasetTable; showName: boolean }) {
  const { table, showName } = props;
  const classes = useStyles();
  const partitionKeys = table.partitionKeys ?? [];
  const stats = [
    typeof table.rowCount === 'number'
      ? `${formatCount(table.rowCount)} rows`
      : undefined,
    typeof table.sizeBytes === 'number'
      ? formatBytes(table.sizeBytes)
      : undefined,
  ].filter(Boolean);
  return (
    <div className={classes.details}>
      {showName && (
        <Typography variant="h6" component="h3">
          {table.name}
        </Typography>
      )}
      {table.description && (
        <Typography variant="body2">{table.description}</Typography>
      )}
      {stats.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {stats.join(' · ')}
        </Typography>
      )}
      <Typography variant="body2" data-testid="partition-keys">
        Partition keys:{' '}
        {partitionKeys.length
          ? partitionKeys.map(k => `${k.name} (${k.type})`).join(', ')
          : 'none'}
      </Typography>
    </div>
  );
}

/**
 * The schema of a dataset: one tab per table, a column filter across all
 * tables and a paged column list. Typing stays responsive on wide tables
 * because the list renders from a deferred copy of the filter text.
 */
export function DatasetSchema(props: { tables: DatasetTable[] }) {
  const { tables } = props;
  const classes = useStyles();
  const id = useId();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [selectedTab, setSelectedTab] = useState(0);
  const [pageSize, setPageSize] = useState(50);

  const allRows = useMemo(() => tables.map(toSchemaRows), [tables]);
  const matchingRows = useMemo<SchemaRow[][]>(
    () => allRows.map(rows => filterSchemaRows(rows, deferredQuery)),
    [allRows, deferredQuery],
  );

  if (tables.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No tables"
        description="This dataset lists no tables in spec.tables."
      />
    );
  }

  const index = Math.min(selectedTab, tables.length - 1);
  const table = tables[index];
  const rows = allRows[index];
  const visible = matchingRows[index];
  const filtering = deferredQuery.trim().length > 0;
  const multipleTables = tables.length > 1;

  let list;
  if (rows.length === 0) {
    list = (
      <EmptyState
        missing="data"
        title="No columns"
        description={`Table ${table.name} lists no columns.`}
      />
    );
  } else if (visible.length === 0) {
    list = (
      <EmptyState
        missing="data"
        title={`No columns match "${deferredQuery.trim()}"`}
        description="Try another name, type or description."
        action={
          <Button variant="outlined" onClick={() => setQuery('')}>
            Clear filter
          </Button>
        }
      />
    );
  } else {
    list = (
      <SchemaColumnsTable
        // A new filter or table starts again on the first page.
        key={`${index}\n${deferredQuery}`}
        rows={visible}
        pageSize={pageSize}
        onPageSizeChange={setPageSize}
      />
    );
  }

  const panel = (
    <>
      <TableDetails table={table} showName={!multipleTables} />
      <div
        role="region"
        aria-label={`Columns of ${table.name}`}
        aria-busy={query !== deferredQuery}
        className={query !== deferredQuery ? classes.pending : undefined}
      >
        {list}
      </div>
    </>
  );

  return (
    <>
      <div className={classes.toolbar}>
        <TextField
          className={classes.filter}
          id={`${id}-filter`}
          label="Filter columns"
          placeholder="Name, type or description"
          type="search"
          variant="outlined"
          size="small"
          value={query}
          onChange={event => setQuery(event.target.value)}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
        <Typography
          variant="body2"
          role="status"
          aria-live="polite"
          data-testid="schema-column-count"
        >
          {formatCount(visible.length)} of {formatCount(rows.length)} columns
        </Typography>
      </div>
      {multipleTables ? (
        <>
          <Tabs
            className={classes.tabs}
            value={index}
            onChange={(_event, value: number) => setSelectedTab(value)}
            indicatorColor="primary"
            textColor="primary"
            variant="scrollable"
            scrollButtons="auto"
            aria-label="Tables"
          >
            {tables.map((t, i) => (
              <Tab
                key={t.name}
                className={classes.tab}
                id={`${id}-tab-${i}`}
                aria-controls={`${id}-panel`}
                label={tabLabel(
                  t,
                  filtering ? matchingRows[i].length : undefined,
                )}
              />
            ))}
          </Tabs>
          <Box
            role="tabpanel"
            id={`${id}-panel`}
            aria-labelledby={`${id}-tab-${index}`}
          >
            {panel}
          </Box>
        </>
      ) : (
        panel
      )}
    </>
  );
}
