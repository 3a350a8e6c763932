import {
  PREPARE_JOB,
  RAW_ORDERS_REF,
  ROOT_REF,
  sampleLineageGraph,
} from './lineageFixtures';
import { toGraphData } from './lineageGraphData';

describe('toGraphData', () => {
  it('marks the dataset itself and labels every node', () => {
    const { nodes } = toGraphData(sampleLineageGraph());
    expect(nodes.filter(n => n.isRoot).map(n => n.id)).toEqual([ROOT_REF]);
    expect(nodes.find(n => n.id === PREPARE_JOB)?.label).toBe(
      'prepare_vehicle_orders',
    );
    expect(nodes).toHaveLength(9);
  });

  it('keeps one edge per pair of nodes, observed over declared', () => {
    const graph = sampleLineageGraph();
    graph.edges.push(
      { from: RAW_ORDERS_REF, to: PREPARE_JOB, type: 'declared' },
      {
        from: RAW_ORDERS_REF,
        to: ROOT_REF,
        type: 'observed',
        lastSeenAt: '2024-05-09T00:00:00Z',
      },
    );
    const { edges } = toGraphData(graph);
    expect(edges).toHaveLength(9);
    expect(
      edges.filter(e => e.from === RAW_ORDERS_REF).map(e => [e.to, e.type]),
    ).toEqual([
      [PREPARE_JOB, 'observed'],
      [ROOT_REF, 'observed'],
    ]);
  });

  it('drops edges to nodes the graph does not list', () => {
    const graph = sampleLineageGraph();
    graph.edges.push({
      from: 'dataset:default/ghost',
      to: ROOT_REF,
      type: 'declared',
    });
    expect(toGraphData(graph).edges).toHaveLength(9);
  });
});
