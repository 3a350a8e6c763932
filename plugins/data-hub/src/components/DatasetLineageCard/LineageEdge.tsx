import type { DependencyGraphTypes } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { formatDateTime } from '../../utils/dates';
import type { LineageEdgeData } from './lineageGraphData';

/** Dash pattern of declared edges, shared with the legend. */
export const DECLARED_DASH = '6 4';

const useStyles = makeStyles(theme => ({
  observed: {
    fill: 'none',
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
  },
  declared: {
    fill: 'none',
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
    strokeDasharray: DECLARED_DASH,
  },
  arrow: {
    fill: theme.palette.text.secondary,
  },
}));

type Point = { x: number; y: number };

/**
 * A smooth path through dagre's points: straight to the first, then
 * quadratic curves through the midpoints, so bends are rounded.
 */
export function edgePath(points: Point[]): string {
  const finite = points.filter(
    p => Number.isFinite(p.x) && Number.isFinite(p.y),
  );
  if (finite.length < 2) return '';
  const [first, ...rest] = finite;
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i];
    const next = rest[i + 1];
    d += ` Q${p.x},${p.y} ${(p.x + next.x) / 2},${(p.y + next.y) / 2}`;
  }
  const last = rest[rest.length - 1];
  return `${d} L${last.x},${last.y}`;
}

/** The arrow head edges end in; one per graph, referenced by id. */
export function ArrowMarker(props: { id: string }) {
  const classes = useStyles();
  return (
    <marker
      id={props.id}
      viewBox="0 0 10 10"
      refX={9}
      refY={5}
      markerWidth={7}
      markerHeight={7}
      orient="auto-start-reverse"
    >
      <path d="M0,0 L10,5 L0,10 z" className={classes.arrow} />
    </marker>
  );
}

/** An edge of the lineage graph: solid when jobs reported it, dashed when only declared. */
export function LineageEdge(props: {
  edge: DependencyGraphTypes.RenderEdgeProps<LineageEdgeData>['edge'];
  markerId: string;
}) {
  const { edge, markerId } = props;
  const classes = useStyles();
  const d = edgePath(edge.points ?? []);
  if (!d) return null;
  const title =
    edge.type === 'declared'
      ? 'Declared in spec.upstream'
      : `Reported by job runs${
          edge.lastSeenAt
            ? `, last seen ${formatDateTime(edge.lastSeenAt)}`
            : ''
        }`;
  return (
    <path
      d={d}
      className={edge.type === 'declared' ? classes.declared : classes.observed}
      markerEnd={`url(#${markerId})`}
      data-edge-type={edge.type}
    >
      <title>{title}</title>
    </path>
  );
}
