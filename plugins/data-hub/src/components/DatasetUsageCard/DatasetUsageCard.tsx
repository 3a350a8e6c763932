import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  DatasetEntityV1alpha1,
  DatasetUsage,
} from '@cloud-data-hub/data-hub-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { formatCount } from '../../utils/format';
import { DatasetCard } from '../DatasetCard';
import { QueriesPerDayChart } from './QueriesPerDayChart';
import { TopRefsList } from './TopRefsList';
import { UsagePeriod, UsagePeriodPicker } from './UsagePeriodPicker';
import { DatasetDataError } from '../DatasetDataError';

const useStyles = makeStyles(theme => ({
  toolbar: { marginBottom: theme.spacing(2) },
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(0, 0, 2),
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
    '& dd': { ...theme.typography.h6, margin: 0 },
  },
  section: {
    marginTop: theme.spacing(2),
    '& > h3': { marginBottom: theme.spacing(1) },
  },
}));

/** @public */
export interface DatasetUsageCardProps {
  variant?: InfoCardVariants;
}

/** The share of succeeded queries, `92 %`; a dash without queries. */
function succeededShare(usage: DatasetUsage): string {
  if (usage.totalQueries === 0) {
    return '–';
  }
  return `${Math.round((usage.succeededQueries / usage.totalQueries) * 100)} %`;
}

function UsageFigures(props: { usage: DatasetUsage }) {
  const { usage } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <>
      <dl className={classes.figures}>
        <div>
          <dt>Queries</dt>
          <dd>{formatCount(usage.totalQueries)}</dd>
        </div>
        <div>
          <dt>Users</dt>
          <dd>{formatCount(usage.distinctUsers)}</dd>
        </div>
        <div>
          <dt>Succeeded</dt>
          <dd>{succeededShare(usage)}</dd>
        </div>
      </dl>
      <QueriesPerDayChart perDay={usage.perDay} />
      <section className={classes.section} aria-labelledby={`${id}-users`}>
        <Typography id={`${id}-users`} variant="subtitle2" component="h3">
          Top users
        </Typography>
        <TopRefsList
          label="Top users"
          defaultKind="user"
          items={usage.topUsers.map(u => ({
            ref: u.userRef,
            queries: u.queries,
          }))}
        />
      </section>
      <section className={classes.section} aria-labelledby={`${id}-use-cases`}>
        <Typography id={`${id}-use-cases`} variant="subtitle2" component="h3">
          Top use cases
        </Typography>
        <TopRefsList
          label="Top use cases"
          defaultKind="system"
          items={usage.topUseCases.map(u => ({
            ref: u.useCaseRef,
            queries: u.queries,
          }))}
        />
      </section>
      {usage.unnamedQueries ? (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.section}
        >
          {formatCount(usage.unnamedQueries)} of these{' '}
          {usage.unnamedQueries === 1 ? 'query' : 'queries'} ran under use cases
          whose access you cannot see: counted above, but their users and use
          cases are not named.
        </Typography>
      ) : null}
    </>
  );
}

function DatasetUsageContent(props: { dataset: DatasetEntityV1alpha1 }) {
  const classes = useStyles();
  const api = useApi(dataHubLineageApiRef);
  const entityRef = stringifyEntityRef(props.dataset);
  const [days, setDays] = useState<UsagePeriod>(30);
  // The previous period's figures stay while the next load, under a progress bar.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getUsage(entityRef, days),
    [api, entityRef, days],
  );

  let body;
  if (error) {
    body = <DatasetDataError error={error} onRetry={retry} what="usage" />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.totalQueries === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Nobody has queried this dataset in the last {value.days} days.
      </Typography>
    );
  } else {
    body = <UsageFigures usage={value} />;
  }

  return (
    <>
      <div className={classes.toolbar}>
        <UsagePeriodPicker value={days} onChange={setDays} />
      </div>
      {loading && value && <LinearProgress aria-label="Loading usage" />}
      {body}
    </>
  );
}

/**
 * The "Usage" card of a Dataset entity page: queries over the last 7, 30 or
 * 90 days, by how many users and how many succeeded, queries per day, and the
 * users and use cases that query the dataset most.
 *
 * @public
 */
export function DatasetUsageCard(props: DatasetUsageCardProps) {
  return (
    <DatasetCard title="Usage" variant={props.variant}>
      {dataset => <DatasetUsageContent dataset={dataset} />}
    </DatasetCard>
  );
}
