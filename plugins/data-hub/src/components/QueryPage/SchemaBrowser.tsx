import { EmptyState, LinkButton, Progress } from '@backstage/core-components';
import type { QueryableDataset } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { Fragment, useState } from 'react';
import { formatDate } from '../../utils/dates';
import { quoteIdentifier } from './sqlSchema';

const useStyles = makeStyles(theme => ({
  // Backstage's theme keeps list texts on one line; long database names wrap here.
  text: {
    whiteSpace: 'normal',
    overflow: 'visible',
    overflowWrap: 'anywhere',
  },
  nested: {
    paddingLeft: theme.spacing(3),
  },
  column: {
    paddingLeft: theme.spacing(5),
    paddingTop: 0,
    paddingBottom: 0,
  },
  mono: {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
  },
  type: {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 11,
    color: theme.palette.text.secondary,
    marginLeft: theme.spacing(1),
  },
  pii: {
    height: 18,
    fontSize: 10,
    marginLeft: theme.spacing(1),
  },
}));

export interface SchemaBrowserProps {
  datasets?: QueryableDataset[];
  loading: boolean;
  error?: string;
  onRetry(): void;
  /** Inserts text into the editor at its cursor. */
  onInsert(text: string): void;
  /** The catalog's dataset list, where access is requested; absent when the app has no catalog route. */
  catalogLink?: string;
}

/**
 * What the chosen use case may query: datasets (by Glue database, the SQL
 * schema) → tables → columns. Clicking a name inserts it into the editor
 * (qualified, for tables); the toggles open and close a level.
 */
export function SchemaBrowser(props: SchemaBrowserProps) {
  const { datasets, loading, error, onRetry, onInsert, catalogLink } = props;
  const classes = useStyles();
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const toggle = (key: string) =>
    setOpen(previous => ({ ...previous, [key]: !previous[key] }));

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        }
      >
        {error}
      </Alert>
    );
  }
  if (!datasets || datasets.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No live grants"
        description="This use case holds no live grant yet, so there is nothing to query: request access on a dataset's page, and once its owners approve, its tables appear here."
        action={
          catalogLink ? (
            <LinkButton variant="outlined" color="primary" to={catalogLink}>
              Browse datasets
            </LinkButton>
          ) : undefined
        }
      />
    );
  }

  return (
    <>
      <Typography variant="caption" color="textSecondary" component="p">
        Click a name to insert it at the cursor.
      </Typography>
      <List dense aria-label="Queryable datasets" disablePadding>
        {datasets.map(dataset => {
          const datasetKey = dataset.glueDatabase;
          const datasetOpen = open[datasetKey] ?? true;
          return (
            <Fragment key={datasetKey}>
              <ListItem
                button
                onClick={() => onInsert(quoteIdentifier(dataset.glueDatabase))}
              >
                <ListItemText
                  className={classes.text}
                  primary={
                    <span className={classes.mono}>{dataset.glueDatabase}</span>
                  }
                  secondary={`${
                    dataset.title ?? dataset.datasetRef
                  } · until ${formatDate(dataset.expiresAt)}`}
                />
                <ListItemSecondaryAction>
                  <IconButton
                    edge="end"
                    size="small"
                    onClick={() => toggle(datasetKey)}
                    aria-expanded={datasetOpen}
                    aria-label={`${
                      datasetOpen ? 'Hide' : 'Show'
                    } the tables of ${dataset.glueDatabase}`}
                  >
                    {datasetOpen ? <ExpandLess /> : <ExpandMore />}
                  </IconButton>
                </ListItemSecondaryAction>
              </ListItem>
              <Collapse in={datasetOpen} unmountOnExit>
                <List dense disablePadding>
                  {dataset.tables.map(table => {
                    const tableKey = `${datasetKey}.${table.name}`;
                    const tableOpen = open[tableKey] ?? false;
                    const qualified = `${quoteIdentifier(
                      dataset.glueDatabase,
                    )}.${quoteIdentifier(table.name)}`;
                    return (
                      <Fragment key={tableKey}>
                        <ListItem
                          button
                          className={classes.nested}
                          onClick={() => onInsert(qualified)}
                          title={`Insert ${qualified}`}
                        >
                          <ListItemText
                            className={classes.text}
                            primary={
                              <span className={classes.mono}>{table.name}</span>
                            }
                            secondary={`${table.columns.length} ${
                              table.columns.length === 1 ? 'column' : 'columns'
                            }`}
                          />
                          <ListItemSecondaryAction>
                            <IconButton
                              edge="end"
                              size="small"
                              onClick={() => toggle(tableKey)}
                              aria-expanded={tableOpen}
                              aria-label={`${
                                tableOpen ? 'Hide' : 'Show'
                              } the columns of ${table.name}`}
                            >
                              {tableOpen ? <ExpandLess /> : <ExpandMore />}
                            </IconButton>
                          </ListItemSecondaryAction>
                        </ListItem>
                        <Collapse in={tableOpen} unmountOnExit>
                          <List
                            dense
                            disablePadding
                            aria-label={`Columns of ${table.name}`}
                          >
                            {table.columns.map(column => (
                              <ListItem
                                key={column.name}
                                button
                                className={classes.column}
                                onClick={() =>
                                  onInsert(quoteIdentifier(column.name))
                                }
                              >
                                <ListItemText
                                  className={classes.text}
                                  disableTypography
                                  primary={
                                    <Box display="flex" alignItems="center">
                                      <span className={classes.mono}>
                                        {column.name}
                                      </span>
                                      <span className={classes.type}>
                                        {column.type}
                                      </span>
                                      {column.pii && (
                                        <Tooltip title="Personal data: handle with care">
                                          <Chip
                                            className={classes.pii}
                                            size="small"
                                            label="PII"
                                            color="secondary"
                                          />
                                        </Tooltip>
                                      )}
                                    </Box>
                                  }
                                />
                              </ListItem>
                            ))}
                          </List>
                        </Collapse>
                      </Fragment>
                    );
                  })}
                </List>
              </Collapse>
            </Fragment>
          );
        })}
      </List>
    </>
  );
}
