import {
  Database,
  GlueClient,
  Table,
  paginateGetDatabases,
  paginateGetTables,
} from '@aws-sdk/client-glue';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { GlueHubConfig } from './GlueHubConfig';

/** Reads databases and tables of one Glue Data Catalog, following every page. */
export class GlueCatalogReader {
  constructor(
    private readonly client: GlueClient,
    private readonly catalogId?: string,
  ) {}

  /**
   * A client for the hub: its region, the hub's role when configured, and the SDK's
   * adaptive retry mode so throttling is retried with backoff instead of failing the run.
   */
  static forHub(config: GlueHubConfig): GlueCatalogReader {
    const client = new GlueClient({
      region: config.region,
      endpoint: config.endpoint,
      maxAttempts: 8,
      retryMode: 'adaptive',
      credentials: config.roleArn
        ? fromTemporaryCredentials({
            params: {
              RoleArn: config.roleArn,
              ExternalId: config.externalId,
              RoleSessionName: 'cloud-data-hub-catalog',
            },
            clientConfig: { region: config.region },
          })
        : undefined,
    });
    return new GlueCatalogReader(client, config.hub.accountId);
  }

  async listDatabases(): Promise<Database[]> {
    const databases: Database[] = [];
    for await (const page of paginateGetDatabases(
      { client: this.client, pageSize: 100 },
      { CatalogId: this.catalogId },
    )) {
      databases.push(...(page.DatabaseList ?? []));
    }
    return databases;
  }

  async listTables(databaseName: string): Promise<Table[]> {
    const tables: Table[] = [];
    for await (const page of paginateGetTables(
      { client: this.client, pageSize: 100 },
      { CatalogId: this.catalogId, DatabaseName: databaseName },
    )) {
      tables.push(...(page.TableList ?? []));
    }
    return tables;
  }

  /** Only the table names: a light call that tells whether tables came or went. */
  async listTableNames(databaseName: string): Promise<string[]> {
    const names: string[] = [];
    for await (const page of paginateGetTables(
      { client: this.client, pageSize: 100 },
      {
        CatalogId: this.catalogId,
        DatabaseName: databaseName,
        AttributesToGet: ['NAME'],
      },
    )) {
      names.push(...(page.TableList ?? []).map(t => t.Name ?? ''));
    }
    return names;
  }
}
