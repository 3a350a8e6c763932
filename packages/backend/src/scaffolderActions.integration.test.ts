import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleDataHub from '@cloud-data-hub/scaffolder-backend-module-data-hub';
import { TEST_HUBS } from './testing/dataHubTestConfig';

jest.setTimeout(60_000);

const entity = (kind: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'datahub-actions', namespace: 'default' },
  spec: {
    type: 'dataset',
    parameters: [],
    steps: [
      { id: 'fetch', action: 'fetch:plain', input: { url: './skeleton' } },
      {
        id: 'validate',
        action: 'datahub:dataset:validate',
        input: {
          name: '${{ parameters.name }}',
          layer: 'source',
          hub: 'us',
          businessObject: 'domain:default/sales',
          owner: 'group:default/sales-data-us',
        },
      },
      {
        id: 'hub',
        action: 'datahub:hub:resolve',
        input: {
          hub: 'us',
          layer: 'source',
          datasetName: '${{ parameters.name }}',
        },
      },
      {
        id: 'terraform',
        action: 'datahub:terraform:validate',
        input: { directory: 'infrastructure' },
      },
    ],
    output: {
      location: '${{ steps.hub.output.location }}',
      database: '${{ steps.validate.output.glueDatabase }}',
    },
  },
};

const file = (path: string, text: string) => ({
  path,
  base64Content: Buffer.from(text).toString('base64'),
});
const moduleFiles = [
  file(
    'skeleton/infrastructure/modules/dataset/variables.tf',
    'variable "dataset_name" {\n  type = string\n}\n',
  ),
  file(
    'skeleton/infrastructure/modules/dataset/main.tf',
    'output "name" {\n  value = var.dataset_name\n}\n',
  ),
];

/** The last status the dry run's log reports for each step. */
function stepStatuses(body: {
  log: Array<{ body: { stepId?: string; status?: string } }>;
}) {
  const status = new Map<string, string>();
  for (const { body: line } of body.log) {
    if (line.stepId && line.status) status.set(line.stepId, line.status);
  }
  return [...status.entries()];
}

// The data hub's actions run inside Backstage's real scaffolder (its dry-run API).
describe('datahub:* actions in the scaffolder', () => {
  const start = () =>
    startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataHub,
        catalogServiceMock.factory({
          entities: [
            entity('Domain', 'sales'),
            entity('Group', 'sales-data-us'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: { dataHub: { hubs: TEST_HUBS } },
        }),
      ],
    });
  const dryRun = async (server: any, name: string, mainTf: string) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: { name },
        directoryContents: [
          ...moduleFiles,
          file('skeleton/infrastructure/main.tf', mainTf),
        ],
      });

  it('validates, resolves and checks Terraform for a good dataset', async () => {
    const { server } = await start();
    const res = await dryRun(
      server,
      'us-dealer-orders-source',
      'module "dataset" {\n  source       = "./modules/dataset"\n  dataset_name = "us-dealer-orders-source"\n}\n',
    );
    expect(res.status).toBe(200);
    expect(stepStatuses(res.body)).toEqual([
      ['fetch', 'completed'],
      ['validate', 'completed'],
      ['hub', 'completed'],
      ['terraform', 'completed'],
    ]);
    expect(res.body.output).toEqual({
      location: 's3://cdh-us-source-222222222222/us_dealer_orders_source/',
      database: 'us_dealer_orders_source',
    });
  });

  it("answers 400 with the failing check's message", async () => {
    const { server } = await start();
    const badName = await dryRun(
      server,
      'Dealer_Orders',
      'module "dataset" {\n  source = "./modules/dataset"\n}\n',
    );
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toBe(
      'The dataset cannot be created: name "Dealer_Orders" must be lower-case letters and digits in words joined by single hyphens, e.g. vehicle-trips-prepared; name "Dealer_Orders" must end with its layer: "-source"',
    );

    const badTerraform = await dryRun(
      server,
      'us-dealer-orders-source',
      'module "dataset" {\n  source = "./modules/dataset"\n  region = "us-east-1"\n}\n',
    );
    expect(badTerraform.status).toBe(400);
    expect(badTerraform.body.error.message).toBe(
      [
        'Terraform is not valid:',
        'infrastructure/main.tf:3: module "dataset" sets "region", which ./modules/dataset does not declare',
        'infrastructure/main.tf:1: module "dataset" does not set required variable(s) of ./modules/dataset: dataset_name',
      ].join('\n'),
    );
  });
});
