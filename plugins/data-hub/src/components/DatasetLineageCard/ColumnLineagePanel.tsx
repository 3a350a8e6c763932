import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { DatasetTable } from '@cloud-data-hub/data-hub-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import { useId, useMemo, useState } from 'react';
import { formatDateTime, fromNow } from '../../utils/dates';
import {
  ColumnLineageRow,
  ColumnOption,
  toColumnOptions,
  transformationLabel,
} from './columnLineageRows';
import { useColumnLineage } from './useColumnLineage';
import { DatasetDataError } from '../DatasetDataError';

const useStyles = makeStyles(theme => ({
  heading: { marginBottom: theme.spacing(1) },
  picker: { maxWidth: 420 },
  option: { display: 'flex', gap: theme.spacing(1), alignItems: 'baseline' },
  result: { marginTop: theme.spacing(2) },
  cellLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/** Wide tables have thousands of columns; the list shows the first matches, typing narrows it. */
const filterOptions = createFilterOptions<ColumnOption>({
  limit: 100,
  stringify: o => `${o.table}.${o.column}`,
});

function InputDataset(props: { row: ColumnLineageRow }) {
  const { row } = props;
  const classes = useStyles();
  if (row.entityRef && !row.external) {
    return <EntityRefLink entityRef={row.entityRef} defaultKind="dataset" />;
  }
  return (
    <span className={classes.cellLine}>
      <Chip size="small" variant="outlined" label="external" />
      <Typography variant="body2" component="span">
        {row.namespace}/{row.name}
      </Typography>
    </span>
  );
}

function InputColumnsTable(props: { rows: ColumnLineageRow[]; label: string }) {
  const { rows, label } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Input dataset</TableCell>
          <TableCell>Table</TableCell>
          <TableCell>Column</TableCell>
          <TableCell>Transformation</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.key}>
            <TableCell>
              <InputDataset row={row} />
            </TableCell>
            <TableCell>{row.table ?? '—'}</TableCell>
            <TableCell>{row.field}</TableCell>
            <TableCell>
              <span className={classes.cellLine}>
                {transformationLabel(row)}
                {row.masking && <Chip size="small" label="masked" />}
              </span>
              {row.description && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {row.description}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <span title={formatDateTime(row.lastSeenAt)}>
                {fromNow(row.lastSeenAt)}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ColumnLineageResult(props: {
  entityRef: string;
  picked: ColumnOption;
}) {
  const { entityRef, picked } = props;
  const classes = useStyles();
  const { value, loading, error, retry } = useColumnLineage(entityRef, picked);
  const name = `${picked.table}.${picked.column}`;

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <DatasetDataError error={error} onRetry={retry} what="column lineage" />
    );
  } else if (!value?.length) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No column lineage reported for {name}. Jobs report it with the
        OpenLineage columnLineage facet of the datasets they write.
      </Typography>
    );
  } else {
    content = (
      <InputColumnsTable rows={value} label={`Input columns of ${name}`} />
    );
  }
  return <div className={classes.result}>{content}</div>;
}

/**
 * Column-level lineage: pick a column of the dataset, see the input columns
 * it is computed from and how, as the latest run that reported them said.
 */
export function ColumnLineagePanel(props: {
  entityRef: string;
  tables: DatasetTable[];
}) {
  const { entityRef, tables } = props;
  const classes = useStyles();
  const id = useId();
  const options = useMemo(() => toColumnOptions(tables), [tables]);
  const [picked, setPicked] = useState<ColumnOption | null>(null);

  return (
    <section aria-labelledby={id}>
      <Typography
        id={id}
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Column lineage
      </Typography>
      {options.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          This dataset declares no tables or columns.
        </Typography>
      ) : (
        <Autocomplete
          className={classes.picker}
          options={options}
          value={picked}
          onChange={(_, value) => setPicked(value)}
          groupBy={o => o.table}
          getOptionLabel={o => `${o.table}.${o.column}`}
          getOptionSelected={(o, v) =>
            o.table === v.table && o.column === v.column
          }
          filterOptions={filterOptions}
          renderOption={o => (
            <span className={classes.option}>
              <span>{o.column}</span>
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {o.type}
              </Typography>
            </span>
          )}
          renderInput={params => (
            <TextField
              {...params}
              label="Column"
              placeholder="table.column"
              helperText="Pick a column to see the columns it is computed from"
              variant="outlined"
              size="small"
            />
          )}
        />
      )}
      {picked && <ColumnLineageResult entityRef={entityRef} picked={picked} />}
    </section>
  );
}
