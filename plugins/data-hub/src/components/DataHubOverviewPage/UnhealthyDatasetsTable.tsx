import { Table, TableColumn } from '@backstage/core-components';
import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { DatasetLink } from './DatasetLink';
import { EmptyMessage } from './EmptyMessage';
import { DatasetHealthChip } from '../DatasetHealthStatus';
import { RelativeTime } from './RelativeTime';
import { overviewTableOptions } from './tableOptions';
import { sortUnhealthy } from './unhealthyDatasets';

/** The text shown when every dataset is healthy. */
export const NO_UNHEALTHY_TEXT =
  'Every dataset is fresh and no job is failing.';

const useStyles = makeStyles({
  // Job errors run to many lines (Spark's analysis errors); three keep the
  // rows scannable, and the whole text is a hover away.
  clamped: {
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    wordBreak: 'break-word',
  },
});

function ClampedText(props: { text: string }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" className={classes.clamped} title={props.text}>
      {props.text}
    </Typography>
  );
}

function LastWrite(props: { health: DatasetHealth; now: Date }) {
  const { health, now } = props;
  const write = health.lastSuccessfulWrite;
  if (!write) {
    return (
      <Typography variant="body2" color="textSecondary">
        Never
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        <RelativeTime iso={write.at} now={now} />
      </Typography>
      {/* Who wrote it tells where to look; the storage time names no job. */}
      <Typography variant="caption" color="textSecondary">
        {write.job ? `by ${write.job.name}` : 'storage time'}
      </Typography>
    </>
  );
}

function LastFailure(props: { health: DatasetHealth; now: Date }) {
  const { health, now } = props;
  const failure = health.lastFailure;
  if (!failure) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <>
      <ClampedText
        text={failure.error?.message ?? 'The run reported no error message.'}
      />
      <Typography variant="caption" color="textSecondary">
        {failure.job.namespace}/{failure.job.name},{' '}
        <RelativeTime iso={failure.at} now={now} />
      </Typography>
    </>
  );
}

/**
 * The stale and failing datasets, failing first: what the data platform
 * team fixes next, and what analysts check before trusting a number. Each
 * row says why (the reason the backend computed), when the dataset was last
 * written, and the error of the failed run.
 */
export function UnhealthyDatasetsTable(props: {
  datasets: DatasetHealth[];
  now: Date;
}) {
  const { datasets, now } = props;
  const rows = useMemo(() => sortUnhealthy(datasets), [datasets]);

  const columns = useMemo<TableColumn<DatasetHealth>[]>(
    () => [
      {
        title: 'Dataset',
        field: 'title',
        render: health => (
          <DatasetLink entityRef={health.entityRef} title={health.title} />
        ),
      },
      { title: 'Hub', field: 'hub' },
      { title: 'Layer', field: 'layer' },
      {
        title: 'Status',
        field: 'status',
        render: health => <DatasetHealthChip health={health} />,
      },
      {
        title: 'Reason',
        field: 'reason',
        render: health => <ClampedText text={health.reason} />,
      },
      {
        title: 'Last successful write',
        field: 'lastSuccessfulWrite.at',
        render: health => <LastWrite health={health} now={now} />,
      },
      {
        title: 'Last failure',
        field: 'lastFailure.at',
        render: health => <LastFailure health={health} now={now} />,
      },
    ],
    [now],
  );

  if (rows.length === 0) {
    return <EmptyMessage>{NO_UNHEALTHY_TEXT}</EmptyMessage>;
  }
  return (
    <Table<DatasetHealth>
      columns={columns}
      // material-table annotates rows in place: give it copies.
      data={rows.map(health => ({ ...health }))}
      options={overviewTableOptions(rows.length)}
    />
  );
}
