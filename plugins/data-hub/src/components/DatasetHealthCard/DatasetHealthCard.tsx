import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DatasetEntityV1alpha1 } from '@cloud-data-hub/data-hub-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubLineageApiRef } from '../../api/DataHubLineageApi';
import { DatasetCard } from '../DatasetCard';
import { DatasetHealthChip } from '../DatasetHealthStatus';
import { DatasetAge } from './DatasetAge';
import { DatasetSize } from './DatasetSize';
import { LastFailure } from './LastFailure';
import { LastSuccessfulWrite } from './LastSuccessfulWrite';
import { DatasetDataError } from '../DatasetDataError';

const useStyles = makeStyles(theme => ({
  status: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  // Terms above their values: the info column is too narrow for two columns.
  facts: {
    margin: theme.spacing(0, 0, 2),
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
    '& dd': { margin: theme.spacing(0, 0, 1.5) },
  },
}));

/** @public */
export interface DatasetHealthCardProps {
  variant?: InfoCardVariants;
}

function Fact(props: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function DatasetHealthContent(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const classes = useStyles();
  const api = useApi(dataHubLineageApiRef);
  const entityRef = stringifyEntityRef(dataset);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHealth(entityRef),
    [api, entityRef],
  );

  if (error && !value) {
    return <DatasetDataError error={error} onRetry={retry} what="health" />;
  }
  if (!value) {
    return <Progress />;
  }

  return (
    <>
      {loading && <LinearProgress aria-label="Refreshing health" />}
      <div className={classes.status}>
        <DatasetHealthChip health={value} size="medium" />
        <Typography variant="body2">{value.reason}</Typography>
      </div>
      <dl className={classes.facts}>
        <Fact term="Last successful write">
          <LastSuccessfulWrite write={value.lastSuccessfulWrite} />
        </Fact>
        <Fact term="Age">
          <DatasetAge
            ageHours={value.ageHours}
            maxAgeHours={
              value.maxAgeHours ?? dataset.spec.freshness?.maxAgeHours
            }
          />
        </Fact>
        <Fact term="Rows and size">
          <DatasetSize health={value} />
        </Fact>
      </dl>
      {value.lastFailure && <LastFailure failure={value.lastFailure} />}
    </>
  );
}

/**
 * The "Health" card of a Dataset entity page: healthy, stale or failing and
 * why, the last successful write and by which job run, the age against the
 * dataset's max age, the last failed run with its error, and rows and size.
 *
 * @public
 */
export function DatasetHealthCard(props: DatasetHealthCardProps) {
  return (
    <DatasetCard title="Health" variant={props.variant}>
      {dataset => <DatasetHealthContent dataset={dataset} />}
    </DatasetCard>
  );
}
