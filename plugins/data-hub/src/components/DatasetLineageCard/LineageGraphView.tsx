import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import type { LineageGraph } from '@cloud-data-hub/data-hub-common';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useId, useMemo } from 'react';
import { ArrowMarker, LineageEdge } from './LineageEdge';
import { LineageNode } from './LineageNode';
import {
  LineageEdgeData,
  LineageNodeData,
  toGraphData,
} from './lineageGraphData';

const useStyles = makeStyles(theme => ({
  graph: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    // Room for DependencyGraph's fullscreen button, which floats top right.
    position: 'relative',
    minHeight: 160,
  },
}));

/**
 * Datasets and jobs left (upstream) to right (downstream). Zoom starts on a
 * click, so scrolling the entity page past the card does not zoom the graph.
 */
export function LineageGraphView(props: { graph: LineageGraph }) {
  const { graph } = props;
  const classes = useStyles();
  // useId gives `:r1:`; colons would break `url(#...)` references.
  const markerId = `lineage-arrow-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const { nodes, edges } = useMemo(() => toGraphData(graph), [graph]);

  const renderEdge = useCallback(
    ({ edge, id }: DependencyGraphTypes.RenderEdgeProps<LineageEdgeData>) => (
      <LineageEdge key={`${id.v}>${id.w}`} edge={edge} markerId={markerId} />
    ),
    [markerId],
  );

  return (
    <div className={classes.graph}>
      <DependencyGraph<LineageNodeData, LineageEdgeData>
        nodes={nodes}
        edges={edges}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        renderNode={LineageNode}
        renderEdge={renderEdge}
        defs={<ArrowMarker id={markerId} />}
        nodeMargin={16}
        rankMargin={56}
        paddingX={16}
        paddingY={16}
        zoom="enable-on-click"
        aria-label="Lineage graph"
      />
    </div>
  );
}
