import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RegisterCollatorParameters,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { DatasetCollatorFactory } from './collators/DatasetCollatorFactory';
import { DEFAULT_SCHEDULE } from './collators/config';
import { searchModuleDataHubDatasets } from './module';

const vehicleTrips = {
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: {
    name: 'vehicle-trips-prepared',
    title: 'Vehicle trips (prepared)',
  },
  spec: {
    layer: 'prepared',
    hub: 'global',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    lifecycle: 'production',
    classification: 'confidential',
    storage: { location: 's3://b/trips/', glueDatabase: 'trips' },
    tables: [{ name: 'trips', columns: [{ name: 'vin', type: 'string' }] }],
  },
};

async function startWith(config: object) {
  const collators: RegisterCollatorParameters[] = [];
  const createScheduledTaskRunner = jest.fn();
  const scheduler = mockServices.scheduler.mock({ createScheduledTaskRunner });
  await startTestBackend({
    extensionPoints: [
      [
        searchIndexRegistryExtensionPoint,
        {
          addCollator: (c: RegisterCollatorParameters) => collators.push(c),
          addDecorator: jest.fn(),
        },
      ],
    ],
    features: [
      searchModuleDataHubDatasets,
      scheduler.factory,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: [vehicleTrips] }),
    ],
  });
  return { collators, createScheduledTaskRunner };
}

describe('searchModuleDataHubDatasets', () => {
  it('registers the dataset collator on the default schedule', async () => {
    const { collators, createScheduledTaskRunner } = await startWith({});
    expect(collators).toHaveLength(1);
    expect(collators[0].factory).toBeInstanceOf(DatasetCollatorFactory);
    expect(collators[0].factory.type).toBe('dataset');
    expect(createScheduledTaskRunner).toHaveBeenCalledWith(DEFAULT_SCHEDULE);

    // the registered factory reads the catalog service of the backend
    const { documents } = await TestPipeline.fromCollator(
      await collators[0].factory.getCollator(),
    ).execute();
    expect(documents.map(d => d.title)).toEqual(['Vehicle trips (prepared)']);
  });

  it('reads the schedule from search.collators.dataHubDatasets.schedule', async () => {
    const { createScheduledTaskRunner } = await startWith({
      search: {
        collators: {
          dataHubDatasets: {
            schedule: {
              frequency: { minutes: 30 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 10 },
            },
          },
        },
      },
    });
    expect(createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
    });
  });

  it('rejects an invalid batch size', async () => {
    await expect(
      startWith({
        search: { collators: { dataHubDatasets: { batchSize: 0 } } },
      }),
    ).rejects.toThrow(/batchSize/);
  });
});
