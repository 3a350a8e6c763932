import {
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
} from '@backstage/catalog-model';
import { StructuredMetadataTable } from '@backstage/core-components';
import {
  EntityRefLink,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  DATASET_KIND,
  DatasetEntityV1alpha1,
  Hub,
} from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { getDatasetFreshness } from '../../utils/freshness';
import { formatBytes, formatCount } from '../../utils/format';
import { ClassificationChip } from '../ClassificationChip';
import { EntityRefList } from '../EntityRefList';
import { FreshnessStatus } from '../FreshnessStatus';
import { StorageDetails } from './StorageDetails';
import { summarizeTables, TableStatistic } from './summarizeTables';
import {
  provenanceLabel,
  upstreamDatasets,
} from '../../utils/upstreamProvenance';

const DATASET_KIND_LOWER = DATASET_KIND.toLocaleLowerCase('en-US');

function text(value: ReactNode) {
  return (
    <Typography variant="body2" component="span">
      {value}
    </Typography>
  );
}

function notSet() {
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      Not set
    </Typography>
  );
}

function capitalize(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}

function statistic(stat: TableStatistic, format: (n: number) => string) {
  const partial =
    stat.reporting < stat.of
      ? ` (${stat.reporting} of ${stat.of} tables reporting)`
      : '';
  return text(`${format(stat.total)}${partial}`);
}

function hubValue(hubName: string, hubs: Hub[]) {
  const hub = hubs.find(h => h.name === hubName);
  if (!hub) {
    return text(`${hubName} (not configured in dataHub.hubs)`);
  }
  return text(hub.title === hub.name ? hub.name : `${hub.title} (${hub.name})`);
}

function entityLink(ref: string | undefined, defaultKind: string, ns: string) {
  if (!ref) {
    return notSet();
  }
  try {
    parseEntityRef(ref, { defaultKind, defaultNamespace: ns });
  } catch {
    return text(ref);
  }
  return (
    <EntityRefLink
      entityRef={ref}
      defaultKind={defaultKind}
      defaultNamespace={ns}
    />
  );
}

/** The metadata list of the "Dataset" overview card. */
export function DatasetOverviewContent(props: {
  dataset: DatasetEntityV1alpha1;
  hubs: Hub[];
  now: Date;
}) {
  const { dataset, hubs, now } = props;
  const { spec } = dataset;
  const namespace = dataset.metadata.namespace ?? 'default';
  const tables = spec.tables ?? [];
  const summary = summarizeTables(tables);

  const dependents = getEntityRelations(dataset, RELATION_DEPENDENCY_OF);
  const downstream = dependents.filter(
    r => r.kind.toLocaleLowerCase('en-US') === DATASET_KIND_LOWER,
  );
  const otherDependents = dependents.filter(r => !downstream.includes(r));

  const metadata: Record<string, ReactNode | Record<string, ReactNode>> = {
    Hub: spec.hub ? hubValue(spec.hub, hubs) : notSet(),
    Layer: spec.layer ? text(capitalize(spec.layer)) : notSet(),
    'Business object': entityLink(spec.businessObject, 'domain', namespace),
    Owner: entityLink(spec.owner, 'group', namespace),
    Classification: spec.classification ? (
      <ClassificationChip classification={spec.classification} />
    ) : (
      notSet()
    ),
    Lifecycle: spec.lifecycle ? text(spec.lifecycle) : notSet(),
    Storage: <StorageDetails storage={spec.storage} />,
    Freshness: (
      <FreshnessStatus
        freshness={getDatasetFreshness(dataset, now)}
        now={now}
      />
    ),
    Tables: text(formatCount(tables.length)),
  };
  if (summary.rows) {
    metadata['Total rows'] = statistic(summary.rows, formatCount);
  }
  if (summary.sizeBytes) {
    metadata['Total size'] = statistic(summary.sizeBytes, formatBytes);
  }
  // Declared upstream and the upstream job runs were seen reading, each marked.
  const upstream = upstreamDatasets(dataset);
  metadata['Upstream datasets'] = (
    <EntityRefList
      label="Upstream datasets"
      entityRefs={upstream.map(u => u.entityRef)}
      captionOf={ref => {
        const found = upstream.find(u => u.entityRef === ref);
        return found && provenanceLabel(found);
      }}
    />
  );
  metadata['Downstream datasets'] = (
    <EntityRefList label="Downstream datasets" entityRefs={downstream} />
  );
  if (otherDependents.length > 0) {
    metadata['Other dependents'] = (
      <EntityRefList label="Other dependents" entityRefs={otherDependents} />
    );
  }

  return (
    <StructuredMetadataTable
      metadata={metadata}
      options={{ titleFormat: key => key }}
    />
  );
}
