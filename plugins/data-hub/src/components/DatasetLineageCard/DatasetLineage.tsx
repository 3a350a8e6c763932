import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import type {
  DatasetEntityV1alpha1,
  LineageDirection,
} from '@cloud-data-hub/data-hub-common';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import { ColumnLineagePanel } from './ColumnLineagePanel';
import { LineageControls } from './LineageControls';
import { LineageGraphView } from './LineageGraphView';
import { LineageLegend } from './LineageLegend';
import { isEmptyGraph, LineageSide, neighbourDatasets } from './lineageLists';
import { NeighbourDatasetList } from './NeighbourDatasetList';
import { LoadedLineageGraph, useLineageGraph } from './useLineageGraph';
import { DatasetDataError } from '../DatasetDataError';

const useStyles = makeStyles(theme => ({
  progress: {
    // Holds its place, so the graph does not jump when loading starts and ends.
    height: 4,
    margin: theme.spacing(1, 0),
  },
  legend: { marginTop: theme.spacing(1) },
  lists: { marginTop: theme.spacing(2) },
  divider: { margin: theme.spacing(3, 0, 2) },
}));

const EMPTY_TITLES: Record<LineageDirection, string> = {
  both: 'No lineage reported yet for this dataset.',
  upstream: 'No upstream lineage reported yet for this dataset.',
  downstream: 'No downstream lineage reported yet for this dataset.',
};

/** The sides a graph walked, in reading order. */
function sidesOf(direction: LineageDirection): LineageSide[] {
  if (direction === 'both') return ['upstream', 'downstream'];
  return [direction];
}

function LineageGraphResult(props: { loaded: LoadedLineageGraph }) {
  const { graph, direction } = props.loaded;
  const classes = useStyles();
  // Lists follow the direction the shown graph was loaded with, not the
  // control's, while a new graph is on its way.
  const lists = useMemo(
    () =>
      sidesOf(direction).map(side => ({
        side,
        items: neighbourDatasets(graph, side),
      })),
    [graph, direction],
  );

  if (isEmptyGraph(graph)) {
    return (
      <Alert severity="info">
        <strong>{EMPTY_TITLES[direction]}</strong> Jobs report lineage by
        posting OpenLineage events to /api/data-hub/lineage. Datasets this one
        declares in spec.upstream show as declared lineage without any job.
      </Alert>
    );
  }
  return (
    <>
      <LineageGraphView graph={graph} />
      <div className={classes.legend}>
        <LineageLegend />
      </div>
      <Grid container spacing={3} className={classes.lists}>
        {lists.map(list => (
          <Grid item xs={12} md={lists.length > 1 ? 6 : 12} key={list.side}>
            <NeighbourDatasetList side={list.side} items={list.items} />
          </Grid>
        ))}
      </Grid>
    </>
  );
}

/** The lineage of one dataset: graph, lists of neighbours, and column lineage. */
export function DatasetLineage(props: {
  dataset: DatasetEntityV1alpha1;
  defaultDepth: number;
  defaultDirection: LineageDirection;
}) {
  const { dataset, defaultDepth, defaultDirection } = props;
  const classes = useStyles();
  const entityRef = stringifyEntityRef(dataset);
  const [depth, setDepth] = useState(defaultDepth);
  const [direction, setDirection] = useState(defaultDirection);
  const { loaded, loading, error, retry } = useLineageGraph(
    entityRef,
    depth,
    direction,
  );

  let content;
  // A retry after an error shows progress, not the old error.
  if (error && !loading) {
    content = <DatasetDataError error={error} onRetry={retry} what="lineage" />;
  } else if (!loaded) {
    content = <Progress />;
  } else {
    content = <LineageGraphResult loaded={loaded} />;
  }

  return (
    <>
      <LineageControls
        depth={depth}
        direction={direction}
        onDepthChange={setDepth}
        onDirectionChange={setDirection}
      />
      <div className={classes.progress}>
        {loading && loaded && <LinearProgress aria-label="Loading lineage" />}
      </div>
      {content}
      <Divider className={classes.divider} />
      <ColumnLineagePanel
        entityRef={entityRef}
        tables={dataset.spec.tables ?? []}
      />
    </>
  );
}
