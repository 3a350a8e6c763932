import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Link, LinkButton } from '@backstage/core-components';
import {
  dataHubQueryRunPermission,
  DatasetEntityV1alpha1,
} from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { useActionPermission } from '../../hooks/useActionPermission';
import { useQueryPageLink } from '../../hooks/useQueryPageLink';
import { signInToText } from '../../utils/viewer';
import { ActionTooltip } from '../ActionTooltip';
import { DatasetCard } from '../DatasetCard';
import { starterSql } from '../QueryPage/sqlSchema';

/** @public */
export interface DatasetQueryCardProps {
  variant?: InfoCardVariants;
}

function DatasetQueryContent(props: { dataset: DatasetEntityV1alpha1 }) {
  const { storage, tables } = props.dataset.spec;
  const queryLink = useQueryPageLink();
  // The dataset's ref, not its SQL, lets the page pick a use case that may read it.
  const dataset = stringifyEntityRef(props.dataset);
  const runPermission = useActionPermission({
    permission: dataHubQueryRunPermission,
    action: 'query this dataset',
  });

  if (!queryLink) {
    return (
      <Typography variant="body2" color="textSecondary">
        This portal has no query page.
      </Typography>
    );
  }
  if (tables.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The dataset has no tables to query yet.
      </Typography>
    );
  }
  if (runPermission.loading) {
    return null;
  }
  // A guest has no team's use case to query as, even where the policy allows it.
  const deniedReason =
    runPermission.deniedReason ??
    (runPermission.guest ? signInToText('query this dataset') : undefined);
  if (deniedReason) {
    return (
      <>
        <Typography variant="body2" paragraph>
          Queries run as a use case of your team that holds a live grant on{' '}
          <code>{storage.glueDatabase}</code>.
        </Typography>
        <ActionTooltip reason={deniedReason}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<PlayArrowIcon />}
            disabled
          >
            Query
          </Button>
        </ActionTooltip>
      </>
    );
  }
  const [first, ...others] = tables;
  return (
    <>
      <Typography variant="body2" paragraph>
        Run SQL over <code>{storage.glueDatabase}</code> as a use case of your
        team that holds a live grant on it.
      </Typography>
      <LinkButton
        to={queryLink({
          dataset,
          sql: starterSql(storage.glueDatabase, first.name),
        })}
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        aria-label={`Query ${first.name} of ${storage.glueDatabase}`}
      >
        Query
      </LinkButton>
      {others.length > 0 && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Other tables:{' '}
            {others.map((table, i) => (
              <span key={table.name}>
                {i > 0 && ', '}
                <Link
                  to={queryLink({
                    dataset,
                    sql: starterSql(storage.glueDatabase, table.name),
                  })}
                >
                  {table.name}
                </Link>
              </span>
            ))}
          </Typography>
        </Box>
      )}
    </>
  );
}

/**
 * The "Query" card of a Dataset entity page: opens the query page with a
 * starter query over the dataset's first table (the others linked below) and
 * the dataset's ref, by which the page picks a use case that may read it.
 *
 * @public
 */
export function DatasetQueryCard(props: DatasetQueryCardProps) {
  return (
    <DatasetCard title="Query" variant={props.variant}>
      {dataset => <DatasetQueryContent dataset={dataset} />}
    </DatasetCard>
  );
}
