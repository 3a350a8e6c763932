import type { Database, Table } from '@aws-sdk/client-glue';

/** A Data Hub database as the `dataset` Terraform module registers it. */
export function dataHubDatabase(
  name: string,
  overrides: Record<string, string> = {},
): Database {
  return {
    Name: name,
    Description: `Dataset ${name}`,
    LocationUri: `s3://cdh-us-prepared/${name}/`,
    Parameters: {
      'clouddatahub:layer': 'prepared',
      'clouddatahub:owner': 'group:default/sales-data-us',
      'clouddatahub:business-object': 'domain:default/sales',
      'clouddatahub:classification': 'confidential',
      ...overrides,
    },
  };
}

/** A table with `columns` columns; the first is a PII VIN, `dt` is the partition key. */
export function glueTable(
  database: string,
  name: string,
  columns: number,
): Table {
  return {
    Name: name,
    DatabaseName: database,
    Description: `Table ${name}`,
    UpdateTime: new Date('2026-11-20T10:00:00Z'),
    Parameters: {
      recordCount: '1000',
      sizeKey: '65536',
      classification: 'parquet',
    },
    PartitionKeys: [{ Name: 'dt', Type: 'date' }],
    StorageDescriptor: {
      Location: `s3://cdh-us-prepared/${database}/${name}/`,
      Columns: Array.from({ length: columns }, (_, i) =>
        i === 0
          ? {
              Name: 'vin',
              Type: 'string',
              Comment: 'Vehicle identification number',
              Parameters: { 'clouddatahub:pii': 'true' },
            }
          : {
              Name: `col_${i}`,
              Type: i % 3 ? 'bigint' : 'string',
              Comment: `Column ${i}`,
            },
      ),
    },
  };
}

/** `databases` Data Hub databases of `tables` tables of `columns` columns each. */
export function syntheticGlue(
  databases: number,
  tables: number,
  columns: number,
) {
  const dbs = Array.from({ length: databases }, (_, i) =>
    dataHubDatabase(`db_${String(i).padStart(5, '0')}`),
  );
  const tableMap = new Map<string, Table[]>(
    dbs.map(db => [
      db.Name as string,
      Array.from({ length: tables }, (_, t) =>
        glueTable(db.Name as string, `table_${t}`, columns),
      ),
    ]),
  );
  return { databases: dbs, tables: tableMap };
}
