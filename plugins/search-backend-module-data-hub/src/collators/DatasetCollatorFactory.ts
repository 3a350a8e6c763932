import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { DATASET_KIND, isDatasetEntity } from '@cloud-data-hub/data-hub-common';
import { Readable } from 'node:stream';
import { DEFAULT_BATCH_SIZE, readBatchSizeFromConfig } from './config';
import {
  DATASET_DOCUMENT_TYPE,
  DatasetSearchDocument,
  toDatasetSearchDocument,
} from './datasetDocument';

/** The entity fields a search document needs; storage, lineage and status are left out. */
const ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec',
];

/** @public */
export interface DatasetCollatorFactoryOptions {
  auth: AuthService;
  catalog: CatalogService;
  logger?: LoggerService;
  /** Datasets read from the catalog per request; defaults to 100. */
  batchSize?: number;
}

/**
 * Collates one search document of type `dataset` per Dataset entity of the
 * catalog (see {@link DatasetSearchDocument}). Reads the catalog page by page
 * with the plugin's own service credentials and streams the documents, so
 * memory stays bounded by one page whatever the size of the catalog.
 *
 * @public
 */
export class DatasetCollatorFactory implements DocumentCollatorFactory {
  readonly type = DATASET_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  private readonly auth: AuthService;
  private readonly catalog: CatalogService;
  private readonly logger?: LoggerService;
  private readonly batchSize: number;

  static fromConfig(
    config: RootConfigService,
    options: Omit<DatasetCollatorFactoryOptions, 'batchSize'>,
  ): DatasetCollatorFactory {
    return new DatasetCollatorFactory({
      ...options,
      batchSize: readBatchSizeFromConfig(config),
    });
  }

  constructor(options: DatasetCollatorFactoryOptions) {
    this.auth = options.auth;
    this.catalog = options.catalog;
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<DatasetSearchDocument> {
    let cursor: string | undefined = undefined;
    let count = 0;
    do {
      const credentials = await this.auth.getOwnServiceCredentials();
      const response = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.batchSize, fields: ENTITY_FIELDS }
          : {
              filter: { kind: DATASET_KIND },
              limit: this.batchSize,
              fields: ENTITY_FIELDS,
              totalItems: 'exclude',
            },
        { credentials },
      );
      cursor = response.pageInfo.nextCursor;
      for (const entity of response.items) {
        if (!isDatasetEntity(entity)) {
          // e.g. a Dataset of an apiVersion this module does not know yet
          this.logger?.debug(
            `Not indexing ${stringifyEntityRef(entity)} of apiVersion ${
              entity.apiVersion
            }`,
          );
          continue;
        }
        let document: DatasetSearchDocument;
        try {
          document = toDatasetSearchDocument(entity);
        } catch (error) {
          // one malformed entity must not cost the whole index
          this.logger?.warn(
            `Not indexing dataset ${entity.metadata?.namespace ?? 'default'}/${
              entity.metadata?.name
            }: ${error}`,
          );
          continue;
        }
        count += 1;
        yield document;
      }
    } while (cursor);
    this.logger?.debug(`Collated ${count} dataset search documents`);
  }
}
