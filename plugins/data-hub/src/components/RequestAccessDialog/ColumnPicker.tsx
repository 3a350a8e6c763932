import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import Alert from '@material-ui/lab/Alert';
import {
  memo,
  useCallback,
  useDeferredValue,
  useId,
  useMemo,
  useState,
} from 'react';
import { filterSchemaRows } from '../DatasetSchemaCard/schemaRows';
import { formatCount } from '../../utils/format';
import {
  ColumnSelection,
  PickerTable,
  selectionSummary,
  setColumns,
} from './columnSelection';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  filter: {
    flex: '1 1 240px',
    maxWidth: 400,
  },
  table: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    margin: theme.spacing(1, 0),
    padding: theme.spacing(0, 1, 1),
    minWidth: 0,
  },
  legend: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 0.5),
  },
  tableName: {
    fontFamily: 'monospace',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    columnGap: theme.spacing(1),
    // Wide tables (159 columns) scroll inside the picker, not the dialog.
    maxHeight: 300,
    overflowY: 'auto',
    paddingLeft: theme.spacing(1),
  },
  columnLabel: {
    display: 'inline-flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    wordBreak: 'break-word',
  },
  pii: {
    backgroundColor: theme.palette.secondary.main,
    color: theme.palette.secondary.contrastText,
    height: 20,
  },
}));

/** The accessible name of a column's checkbox: unique across tables. */
export function columnCheckboxName(
  table: string,
  column: { name: string; pii: boolean },
): string {
  return `${column.name} (${table}${column.pii ? ', PII' : ''})`;
}

const TableColumns = memo(function TableColumnsOfOne(props: {
  table: PickerTable;
  selected: ReadonlySet<string>;
  query: string;
  disabled?: boolean;
  onChange: (table: string, columns: string[], selected: boolean) => void;
}) {
  const { table, selected, query, disabled, onChange } = props;
  const classes = useStyles();
  const visible = useMemo(
    () => filterSchemaRows(table.columns, query),
    [table.columns, query],
  );
  const filtering = query.trim().length > 0;
  const visibleSelected = visible.filter(c => selected.has(c.name)).length;
  const all = visible.length > 0 && visibleSelected === visible.length;
  const some = visibleSelected > 0 && !all;

  return (
    <fieldset className={classes.table} disabled={disabled}>
      <legend className={classes.legend}>
        <Checkbox
          size="small"
          color="primary"
          checked={all}
          indeterminate={some}
          disabled={disabled || visible.length === 0}
          onChange={(_event, checked) =>
            onChange(
              table.name,
              visible.map(c => c.name),
              checked,
            )
          }
          inputProps={{
            'aria-label': filtering
              ? `All matching columns of ${table.name}`
              : `All columns of ${table.name}`,
          }}
        />
        <span className={classes.tableName}>{table.name}</span>
        <Typography variant="body2" color="textSecondary" component="span">
          {formatCount(selected.size)} of {formatCount(table.columns.length)}{' '}
          columns selected
          {filtering && ` · ${formatCount(visible.length)} matching`}
        </Typography>
      </legend>
      {visible.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No columns of {table.name} match “{query.trim()}”.
        </Typography>
      ) : (
        <div
          className={classes.columns}
          role="group"
          aria-label={`Columns of ${table.name}`}
        >
          {visible.map(column => (
            <FormControlLabel
              key={column.name}
              control={
                <Checkbox
                  size="small"
                  color="primary"
                  checked={selected.has(column.name)}
                  onChange={(_event, checked) =>
                    onChange(table.name, [column.name], checked)
                  }
                  inputProps={{
                    'aria-label': columnCheckboxName(table.name, column),
                  }}
                />
              }
              label={
                <span
                  className={classes.columnLabel}
                  title={column.description}
                >
                  <span className={classes.code}>{column.name}</span>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                  >
                    {column.type}
                  </Typography>
                  {column.partitionKey && (
                    <VpnKeyIcon
                      fontSize="inherit"
                      titleAccess="Partition key"
                    />
                  )}
                  {column.pii && (
                    <Chip
                      size="small"
                      className={classes.pii}
                      label="PII"
                      title="Personally identifiable information"
                    />
                  )}
                </span>
              }
            />
          ))}
        </div>
      )}
    </fieldset>
  );
});

/**
 * Picks the columns of a request over all tables of a dataset: a checkbox per
 * column grouped by table, a select-all per table (of the columns the filter
 * shows), PII columns marked, a filter for wide tables, and counts.
 */
export function ColumnPicker(props: {
  tables: PickerTable[];
  selection: ColumnSelection;
  /** Receives an update of the previous selection, like a state setter. */
  onSelectionChange: (
    update: (previous: ColumnSelection) => ColumnSelection,
  ) => void;
  disabled?: boolean;
  error?: string;
}) {
  const { tables, selection, onSelectionChange, disabled, error } = props;
  const classes = useStyles();
  const id = useId();
  const [query, setQuery] = useState('');
  // Typing stays responsive over wide tables: the lists follow a deferred copy.
  const deferredQuery = useDeferredValue(query);
  const summary = selectionSummary(tables, selection);
  const empty = useMemo(() => new Set<string>(), []);

  // Stable, so that a click re-renders only the table it changed.
  const onChange = useCallback(
    (table: string, columns: string[], selected: boolean) =>
      onSelectionChange(previous =>
        setColumns(previous, table, columns, selected),
      ),
    [onSelectionChange],
  );

  const deselectPii = () =>
    onSelectionChange(previous => {
      let next = previous;
      for (const table of tables) {
        next = setColumns(
          next,
          table.name,
          table.columns.filter(c => c.pii).map(c => c.name),
          false,
        );
      }
      return next;
    });

  return (
    <div role="group" aria-labelledby={`${id}-label`}>
      <Typography id={`${id}-label`} variant="subtitle2" component="h3">
        Columns
      </Typography>
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
          data-testid="selected-column-count"
          color={error ? 'error' : 'textPrimary'}
        >
          {formatCount(summary.selected)} of {formatCount(summary.total)}{' '}
          columns selected
        </Typography>
      </div>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      {summary.pii.length > 0 && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={deselectPii}>
              Deselect PII
            </Button>
          }
        >
          You are asking for {summary.pii.length} PII column
          {summary.pii.length === 1 ? '' : 's'} ({summary.pii.join(', ')}): say
          in the justification why the use case needs{' '}
          {summary.pii.length === 1 ? 'it' : 'them'}.
        </Alert>
      )}
      {tables.map(table => (
        <TableColumns
          key={table.name}
          table={table}
          selected={selection[table.name] ?? empty}
          query={deferredQuery}
          disabled={disabled}
          onChange={onChange}
        />
      ))}
    </div>
  );
}
