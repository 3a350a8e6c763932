import type { LineageGraph } from '@cloud-data-hub/data-hub-common';
import {
  KPIS_REF,
  LANDING_FILE,
  PARTNER_FILE,
  RAW_CUSTOMERS_REF,
  RAW_ORDERS_REF,
  ROOT_REF,
  sampleLineageGraph,
} from './lineageFixtures';
import { isEmptyGraph, neighbourDatasets } from './lineageLists';

const summary = (graph: LineageGraph, side: 'upstream' | 'downstream') =>
  neighbourDatasets(graph, side).map(n => ({
    id: n.node.id,
    distance: n.distance,
    observed: n.observed,
    declared: n.declared,
    viaJobs: n.viaJobs,
  }));

describe('neighbourDatasets', () => {
  it('walks upstream through jobs, counting dataset hops, nearest first then by name', () => {
    expect(summary(sampleLineageGraph(), 'upstream')).toEqual([
      {
        id: PARTNER_FILE,
        distance: 1,
        observed: true,
        declared: false,
        viaJobs: ['prepare_vehicle_orders'],
      },
      {
        id: RAW_CUSTOMERS_REF,
        distance: 1,
        observed: false,
        declared: true,
        viaJobs: [],
      },
      {
        id: RAW_ORDERS_REF,
        distance: 1,
        observed: true,
        declared: true,
        viaJobs: ['prepare_vehicle_orders'],
      },
      {
        id: LANDING_FILE,
        distance: 2,
        observed: true,
        declared: false,
        viaJobs: ['ingest_raw_orders'],
      },
    ]);
  });

  it('walks downstream the other way, never listing the dataset itself', () => {
    expect(summary(sampleLineageGraph(), 'downstream')).toEqual([
      {
        id: KPIS_REF,
        distance: 1,
        observed: true,
        declared: false,
        viaJobs: ['build_sales_kpis'],
      },
    ]);
  });

  it('lists a dataset once, at its nearest distance, and never the dataset itself', () => {
    const graph = sampleLineageGraph();
    // The KPIs feed back into the dataset (a cycle), and the landing file,
    // two hops away through raw-orders, is also declared directly.
    graph.edges.push(
      { from: KPIS_REF, to: ROOT_REF, type: 'declared' },
      { from: LANDING_FILE, to: ROOT_REF, type: 'declared' },
    );
    const upstream = summary(graph, 'upstream');
    expect(upstream.map(u => [u.id, u.distance])).toEqual([
      [PARTNER_FILE, 1],
      [LANDING_FILE, 1],
      [RAW_CUSTOMERS_REF, 1],
      [RAW_ORDERS_REF, 1],
      [KPIS_REF, 1],
    ]);
    // Linked at distance 1 by the declaration only: the observed path is longer.
    expect(upstream[1]).toMatchObject({
      observed: false,
      declared: true,
      viaJobs: [],
    });
    expect(summary(graph, 'downstream').map(d => d.id)).toEqual([KPIS_REF]);
  });

  it('ignores edges to nodes the graph does not list', () => {
    const graph = sampleLineageGraph();
    graph.edges.push({
      from: 'dataset:default/ghost',
      to: ROOT_REF,
      type: 'declared',
    });
    expect(summary(graph, 'upstream').map(u => u.id)).not.toContain(
      'dataset:default/ghost',
    );
  });
});

describe('isEmptyGraph', () => {
  it('is empty with nothing but the dataset itself', () => {
    const graph = sampleLineageGraph();
    expect(isEmptyGraph(graph)).toBe(false);
    expect(isEmptyGraph({ ...graph, nodes: [graph.nodes[0]], edges: [] })).toBe(
      true,
    );
  });
});
