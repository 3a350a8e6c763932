import { DEMO_DATASETS } from '../lake/demoLake';
import {
  DEMO_FAILING_DATASET,
  DEMO_STALE_DATASET,
  demoLineageEvents,
} from './demoLineageEvents';

describe('demoLineageEvents', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const hubs = [
    {
      name: 'global',
      title: 'Global',
      region: 'eu-central-1',
      accountId: '111111111111',
      consumesFrom: ['global'],
    },
    {
      name: 'us',
      title: 'US',
      region: 'us-east-1',
      accountId: '222222222222',
      consumesFrom: ['global', 'us'],
    },
    {
      name: 'cn',
      title: 'China',
      region: 'cn-north-1',
      accountId: '333333333333',
      consumesFrom: ['global', 'cn'],
    },
  ];
  const events = demoLineageEvents({
    datasets: DEMO_DATASETS,
    directory: '/lake',
    hubs,
    now,
  }) as any[];
  const glueOutputs = (e: any) => e.outputs.map((o: any) => o.name as string);

  it('reports three daily runs, START then end, for a job per dataset', () => {
    expect(events).toHaveLength(DEMO_DATASETS.length * 3 * 2);
    const byRun = new Map<string, any[]>();
    for (const e of events)
      byRun.set(e.run.runId, [...(byRun.get(e.run.runId) ?? []), e]);
    expect(byRun.size).toBe(DEMO_DATASETS.length * 3);
    for (const [runId, [start, end]] of byRun) {
      expect(runId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(start.eventType).toBe('START');
      expect(['COMPLETE', 'FAIL']).toContain(end.eventType);
      expect(Date.parse(start.eventTime)).toBeLessThan(
        Date.parse(end.eventTime),
      );
    }
  });

  it('shapes prepared jobs as Spark over files with column lineage, others as Airflow over Glue', () => {
    const prepared = events.find(
      e =>
        e.eventType === 'COMPLETE' &&
        e.job.name ===
          'prepare_vehicle_trips_prepared.execute_insert_into_hadoop_fs_relation_command',
    );
    expect(prepared.producer).toContain('integration/spark');
    expect(prepared.inputs).toEqual([
      {
        namespace: 'file',
        name: '/lake/global/source/vehicle_telemetry_source/signals',
      },
    ]);
    expect(prepared.outputs[0]).toMatchObject({
      namespace: 'file',
      name: '/lake/global/prepared/vehicle_trips_prepared/trips',
    });
    expect(
      prepared.outputs[0].facets.columnLineage.fields.vin.inputFields,
    ).toEqual([
      expect.objectContaining({
        name: '/lake/global/source/vehicle_telemetry_source/signals',
        field: 'vin',
      }),
    ]);
    const semantic = events.find(
      e =>
        e.eventType === 'COMPLETE' &&
        e.job.name === 'build_vehicle_usage_semantic.spark_submit',
    );
    expect(semantic.producer).toContain('airflow');
    expect(semantic.job.namespace).toBe('airflow-global');
    expect(semantic.inputs.map((i: any) => i.namespace)).toEqual(
      expect.arrayContaining(['arn:aws:glue:eu-central-1:111111111111']),
    );
    expect(glueOutputs(semantic)).toEqual([
      'table/vehicle_usage_semantic/daily_usage',
    ]);
  });

  it('fails the latest run of one job, with its error, and stops one ingest two days ago', () => {
    const failed = events.filter(e => e.eventType === 'FAIL');
    expect(failed).toHaveLength(1);
    expect(glueOutputs(failed[0])[0]).toContain(
      DEMO_FAILING_DATASET.replace(/-/g, '_'),
    );
    expect(failed[0].run.facets.errorMessage).toMatchObject({
      programmingLanguage: 'PYTHON',
    });

    const staleDb = DEMO_STALE_DATASET.replace(/-/g, '_');
    const staleEnds = events
      .filter(
        e =>
          e.eventType === 'COMPLETE' &&
          glueOutputs(e).some((n: string) => n.includes(`/${staleDb}/`)),
      )
      .map(e => Date.parse(e.eventTime));
    const freshness = DEMO_DATASETS.find(
      d => d.name === DEMO_STALE_DATASET,
    )!.freshnessHours;
    expect(now.getTime() - Math.max(...staleEnds)).toBeGreaterThan(
      freshness * 3_600_000,
    );
  });
});
