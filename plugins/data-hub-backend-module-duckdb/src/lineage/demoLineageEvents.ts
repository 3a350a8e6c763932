import { createHash } from 'node:crypto';
import { glueDatabaseName, type Hub } from '@cloud-data-hub/data-hub-common';
import type { DemoDataset } from '../lake/demoLake';
import { tableDirectory } from '../lake/lakeLayout';

const SPARK_PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark';
const AIRFLOW_PRODUCER =
  'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0';
const SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const COLUMN_LINEAGE_URL =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';
const ERROR_URL =
  'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet';

/** The job whose latest run fails in the demo, and the dataset whose loads stopped. */
export const DEMO_FAILING_DATASET = 'us-sales-performance-semantic';
export const DEMO_STALE_DATASET = 'vehicle-telemetry-source';

const HOUR = 3_600_000;
const STALE_DAYS = 2;

/** When a demo job's latest run ended: an hour ago, or for the stopped ingest two days before that. */
export function demoLatestRunEnd(dataset: string, now: Date): Date {
  const daysAgo = dataset === DEMO_STALE_DATASET ? STALE_DAYS : 0;
  return new Date(now.getTime() - daysAgo * 24 * HOUR - HOUR);
}

/** A stable UUID from a name, so a replay of the same demo run has the same run id. */
function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

type Io = { namespace: string; name: string; facets?: Record<string, unknown> };

/**
 * Realistic OpenLineage RunEvents for the demo lake's pipelines, relative to `now`:
 * - sources are loaded by Airflow-scheduled Glue ingests and named as Glue tables
 *   (`arn:aws:glue:{region}:{account}` + `table/{db}/{table}`), as Airflow's provider does;
 * - prepared datasets are written by Spark jobs reading their source's files, named as local
 *   files (`file` + path) the way Spark's integration names a `file:` path, with column
 *   lineage for every column a prepared table keeps from its source;
 * - semantic datasets are built by Airflow tasks over Glue tables;
 * - each job ran daily for the last three days; the latest run of the semantic US sales job
 *   failed, and the telemetry ingest stopped two days ago, so that dataset is stale.
 */
export function demoLineageEvents(options: {
  datasets: DemoDataset[];
  directory: string;
  hubs: Hub[];
  now: Date;
}): object[] {
  const { datasets, directory, hubs, now } = options;
  const byRef = new Map(datasets.map(d => [`dataset:default/${d.name}`, d]));
  const glueNamespace = (d: DemoDataset) => {
    const hub = hubs.find(h => h.name === d.hub);
    return hub ? `arn:aws:glue:${hub.region}:${hub.accountId}` : undefined;
  };
  const glueNames = (d: DemoDataset): Io[] => {
    const namespace = glueNamespace(d);
    return namespace
      ? d.tables.map(t => ({
          namespace,
          name: `table/${glueDatabaseName(d.name)}/${t.name}`,
        }))
      : [];
  };
  const fileNames = (d: DemoDataset): Io[] =>
    d.tables.map(t => ({
      namespace: 'file',
      name: tableDirectory(
        directory,
        d.hub,
        d.layer,
        glueDatabaseName(d.name),
        t.name,
      ),
    }));

  const events: object[] = [];
  const run = (
    job: { namespace: string; name: string },
    producer: string,
    inputs: Io[],
    outputs: Io[],
    dataset: DemoDataset,
  ) => {
    const failing = dataset.name === DEMO_FAILING_DATASET;
    // Daily runs, the latest an hour ago; the stale ingest stopped two days ago.
    const latest = demoLatestRunEnd(dataset.name, now);
    for (let daysAgo = 2; daysAgo >= 0; daysAgo--) {
      const end = new Date(latest.getTime() - daysAgo * 24 * HOUR);
      const start = new Date(end.getTime() - 12 * 60_000);
      const runId = uuidOf(`${job.namespace}/${job.name}/${daysAgo}`);
      const fails = failing && daysAgo === 0;
      const base = { producer, schemaURL: SCHEMA_URL, job, inputs };
      events.push({
        ...base,
        eventType: 'START',
        eventTime: start.toISOString(),
        run: { runId, facets: {} },
        outputs: outputs.map(o => ({ namespace: o.namespace, name: o.name })),
      });
      events.push({
        ...base,
        eventType: fails ? 'FAIL' : 'COMPLETE',
        eventTime: end.toISOString(),
        run: {
          runId,
          facets: fails
            ? {
                errorMessage: {
                  _producer: producer,
                  _schemaURL: ERROR_URL,
                  message:
                    'Task failed: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `dealer_region` cannot be resolved. Did you mean one of the following? [`dealer_id`, `order_id`]',
                  programmingLanguage: 'PYTHON',
                  stackTrace:
                    'Traceback (most recent call last):\n  File "/opt/airflow/dags/us_sales_performance.py", line 88, in build_daily_sales\n    spark.sql(DAILY_SALES_SQL)\npyspark.errors.exceptions.captured.AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] ...',
                },
              }
            : {},
        },
        outputs,
      });
    }
  };

  for (const dataset of datasets) {
    const db = glueDatabaseName(dataset.name);
    const upstream = dataset.upstream
      .map(ref => byRef.get(ref))
      .filter((d): d is DemoDataset => !!d);
    if (dataset.layer === 'source') {
      run(
        {
          namespace: `airflow-${dataset.hub}`,
          name: `ingest_${db}.glue_jdbc_ingest`,
        },
        AIRFLOW_PRODUCER,
        [],
        glueNames(dataset),
        dataset,
      );
    } else if (dataset.layer === 'prepared') {
      const outputs = fileNames(dataset).map((output, i) => {
        const table = dataset.tables[i];
        const fields: Record<string, unknown> = {};
        for (const source of upstream) {
          const sourceTable =
            source.tables.find(t => t.name === table.name) ?? source.tables[0];
          const sourceName = tableDirectory(
            directory,
            source.hub,
            source.layer,
            glueDatabaseName(source.name),
            sourceTable.name,
          );
          const sourceColumns = new Set(sourceTable.columns.map(c => c.name));
          for (const column of table.columns) {
            if (!sourceColumns.has(column.name) || fields[column.name])
              continue;
            fields[column.name] = {
              inputFields: [
                {
                  namespace: 'file',
                  name: sourceName,
                  field: column.name,
                  transformations: [
                    { type: 'DIRECT', subtype: 'IDENTITY', masking: false },
                  ],
                },
              ],
            };
          }
        }
        return Object.keys(fields).length
          ? {
              ...output,
              facets: {
                columnLineage: {
                  _producer: SPARK_PRODUCER,
                  _schemaURL: COLUMN_LINEAGE_URL,
                  fields,
                },
              },
            }
          : output;
      });
      run(
        {
          namespace: `spark-${dataset.hub}`,
          name: `prepare_${db}.execute_insert_into_hadoop_fs_relation_command`,
        },
        SPARK_PRODUCER,
        upstream.flatMap(fileNames),
        outputs,
        dataset,
      );
    } else {
      run(
        {
          namespace: `airflow-${dataset.hub}`,
          name: `build_${db}.spark_submit`,
        },
        AIRFLOW_PRODUCER,
        upstream.flatMap(glueNames),
        glueNames(dataset),
        dataset,
      );
    }
  }
  return events;
}
