import type {
  AccessScopeTable,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useState } from 'react';
import { summarizeScope } from './scopeSummary';

const useStyles = makeStyles(theme => ({
  tables: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& > li + li': { marginTop: theme.spacing(0.5) },
  },
  tableLine: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
  },
  columns: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(0.5, 0, 1),
    padding: 0,
    listStyle: 'none',
  },
  toggle: {
    textTransform: 'none',
    padding: theme.spacing(0, 0.5),
    minWidth: 0,
  },
}));

function ScopeTable(props: {
  name: string;
  columns: Array<{ name: string; pii: boolean }>;
  totalColumns?: number;
  defaultExpanded: boolean;
}) {
  const { name, columns, totalColumns, defaultExpanded } = props;
  const classes = useStyles();
  const id = useId();
  const [expanded, setExpanded] = useState(defaultExpanded);
  const piiCount = columns.filter(c => c.pii).length;
  const count =
    totalColumns === undefined
      ? `${columns.length} columns`
      : `${columns.length} of ${totalColumns} columns`;
  return (
    <li>
      <div className={classes.tableLine}>
        <span className={classes.code}>{name}</span>
        <Typography variant="body2" component="span">
          {count}
        </Typography>
        {piiCount > 0 && (
          <Chip
            size="small"
            color="secondary"
            label={`${piiCount} PII`}
            title="Personally identifiable information"
          />
        )}
        <Button
          size="small"
          className={classes.toggle}
          aria-expanded={expanded}
          aria-controls={`${id}-columns`}
          aria-label={`${expanded ? 'Hide' : 'Show'} columns of ${name}`}
          onClick={() => setExpanded(!expanded)}
          endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        >
          {expanded ? 'Hide columns' : 'Show columns'}
        </Button>
      </div>
      <Collapse in={expanded}>
        <ul
          id={`${id}-columns`}
          className={classes.columns}
          aria-label={`Columns of ${name}`}
        >
          {columns.map(column => (
            <li key={column.name}>
              <Chip
                size="small"
                variant={column.pii ? 'default' : 'outlined'}
                color={column.pii ? 'secondary' : 'default'}
                label={column.pii ? `${column.name} · PII` : column.name}
              />
            </li>
          ))}
        </ul>
      </Collapse>
    </li>
  );
}

/** Tables with more columns than this start collapsed even in detail views. */
const MAX_EXPANDED = 40;

/**
 * The tables and columns a request asks for or a grant gives: per table the
 * column count (of the table's total when the schema is known) and PII count,
 * and a button that expands the column names.
 */
export function AccessScope(props: {
  tables: AccessScopeTable[];
  /** The dataset's tables, for totals and PII flags. */
  schema?: DatasetTable[];
  /** Show the column names at once (detail views); lists start collapsed. */
  expanded?: boolean;
  label?: string;
}) {
  const { tables, schema, expanded = false, label = 'Tables' } = props;
  const classes = useStyles();
  return (
    <ul className={classes.tables} aria-label={label}>
      {summarizeScope(tables, schema).map(table => (
        <ScopeTable
          key={table.name}
          {...table}
          // A wall of 150 column names would bury the rest of a detail view.
          defaultExpanded={expanded && table.columns.length <= MAX_EXPANDED}
        />
      ))}
    </ul>
  );
}
