import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderModuleGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import scaffolderModuleBitbucketServer from '@backstage/plugin-scaffolder-backend-module-bitbucket-server';
import { datasetEntityV1alpha1Validator } from '@cloud-data-hub/data-hub-common';
import catalogModuleDataHub from '@cloud-data-hub/catalog-backend-module-data-hub';
import scaffolderModuleDataHub from '@cloud-data-hub/scaffolder-backend-module-data-hub';
import { catalogModuleLocalFileLocations } from './modules/catalogModuleLocalFileLocations';
import { TEST_HUBS } from './testing/dataHubTestConfig';

jest.setTimeout(120_000);

/*
 * The repository's real templates (template.yaml, skeleton, pipelines) run through Backstage's
 * real scaffolder backend (its dry-run API) with the data hub's actions, checking the real
 * Terraform modules. Publishing and registration are not dry-run capable, except the local
 * publish, which only reports where it would publish.
 */

const repoRoot = path.resolve(__dirname, '../../..');
const templatesDirectory = path.join(repoRoot, 'templates');
const TEMPLATES = ['jdbc-ingest', 'stream-ingest', 'data-preparation'] as const;
type TemplateName = (typeof TEMPLATES)[number];

/** Reads YAML the way the catalog does (every document must be an object). */
function readYaml(file: string, text = fs.readFileSync(file, 'utf8')): any[] {
  const documents = [];
  for (const result of parseEntityYaml(text, { type: 'file', target: file })) {
    if (result.type !== 'entity')
      throw new Error(`${file}: ${JSON.stringify(result)}`);
    documents.push(result.entity);
  }
  return documents;
}

function filesBelow(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? filesBelow(file) : [file];
  });
}

/** The dry-run body of a template: the template entity and its files, base64. */
function templateRequest(name: TemplateName) {
  const directory = path.join(templatesDirectory, name);
  return {
    template: readYaml(path.join(directory, 'template.yaml'))[0],
    directoryContents: filesBelow(directory).map(file => ({
      path: path.relative(directory, file),
      base64Content: fs.readFileSync(file).toString('base64'),
    })),
  };
}

// The demo portal's own scaffolder settings (environment parameters: where the modules are).
const appConfig = readYaml(path.join(repoRoot, 'app-config.yaml'))[0];

const entity = (
  kind: string,
  name: string,
  spec: object = {},
  apiVersion = 'backstage.io/v1alpha1',
) => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'default', title: name },
  spec,
});
const datasetEntity = (
  name: string,
  hub: string,
  layer: string,
  tables: object[],
) =>
  entity(
    'Dataset',
    name,
    {
      layer,
      hub,
      businessObject: 'domain:default/sales',
      owner: 'group:default/sales-data-us',
      lifecycle: 'production',
      classification: 'confidential',
      storage: {
        location: `s3://cdh-${hub}-${layer}-222222222222/${name.replace(
          /-/g,
          '_',
        )}/`,
        glueDatabase: name.replace(/-/g, '_'),
      },
      tables,
    },
    'clouddatahub.io/v1alpha1',
  );
const ORDERS_TABLE = {
  name: 'orders',
  partitionKeys: [{ name: 'dt', type: 'string' }],
  columns: [
    { name: 'order_id', type: 'string', description: 'Order number' },
    {
      name: 'customer_email',
      type: 'string',
      description: 'Who ordered',
      pii: true,
    },
    { name: 'amount', type: 'string', description: 'Order value as sent' },
    { name: 'updated_at', type: 'timestamp' },
    { name: 'etl_batch_id', type: 'bigint' },
  ],
};
const CATALOG = [
  entity('Domain', 'sales'),
  entity('Domain', 'vehicle'),
  entity('Group', 'sales-data-us'),
  entity('Group', 'connected-vehicle-data'),
  datasetEntity('us-sales-orders-source', 'us', 'source', [ORDERS_TABLE]),
  datasetEntity('vehicle-telemetry-source', 'global', 'source', [ORDERS_TABLE]),
];

/** Valid form values of each template, as the form would send them. */
const VALID: Record<TemplateName, Record<string, unknown>> = {
  'jdbc-ingest': {
    hub: 'us',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    name: 'us-dealer-orders-source',
    title: 'US dealer orders (source)',
    description:
      'Orders of the dealer system: "as is", one snapshot per day.\nCosts in ${currency}.',
    classification: 'confidential',
    lifecycle: 'production',
    jdbcUrl: 'jdbc:postgresql://orders-db.corp.example.com:5432/sales',
    credentialsSecretName: 'cdh/us/dealer-orders-db',
    databaseCidr: '10.20.30.0/24',
    databasePort: 5432,
    tables: [
      {
        name: 'orders',
        description: 'One row per order.',
        source: 'table',
        sourceTable: 'sales.orders',
        columns: [
          {
            name: 'order_id',
            type: 'bigint',
            description: 'Order number',
            pii: false,
          },
          {
            name: 'customer_email',
            type: 'string',
            description: 'Who ordered',
            pii: true,
          },
          { name: 'amount', type: 'decimal(12,2)' },
        ],
      },
      {
        name: 'open_orders',
        source: 'query',
        sourceQuery:
          "SELECT order_id, status FROM sales.orders WHERE status <> 'closed'",
        columns: [
          { name: 'order_id', type: 'bigint' },
          { name: 'status', type: 'string' },
        ],
      },
    ],
    schedule: 'cron(0 2 * * ? *)',
    alarmEmail: 'dealer-orders@example.com',
    publishTarget: 'local',
  },
  'stream-ingest': {
    hub: 'global',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    name: 'vehicle-charging-events-source',
    title: 'Vehicle charging events (source)',
    description: 'Charging sessions as vehicles report them.',
    classification: 'confidential',
    lifecycle: 'production',
    table: 'charging_events',
    tableDescription: 'One row per charging event.',
    columns: [
      {
        name: 'vin',
        type: 'string',
        description: 'Vehicle identification number',
        pii: true,
      },
      { name: 'event_time', type: 'timestamp', jsonKey: 'eventTime' },
      { name: 'energy_kwh', type: 'double', description: 'Energy charged' },
    ],
    eventTimeField: 'eventTime',
    producerRoleNames: ['telematics-gateway'],
    freshnessHours: 2,
    publishTarget: 'local',
  },
  'data-preparation': {
    hub: 'us',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    name: 'us-sales-orders-clean-prepared',
    title: 'US sales orders (clean)',
    description: 'Orders deduplicated on the order number and typed.',
    classification: 'confidential',
    lifecycle: 'production',
    sourceDataset: 'dataset:default/us-sales-orders-source',
    sourceTable: 'orders',
    table: 'orders',
    keyColumns: ['order_id'],
    orderByColumn: 'updated_at',
    dropColumns: ['etl_batch_id'],
    columnTypes: [{ column: 'amount', type: 'decimal(12,2)' }],
    partitionColumn: 'dt',
    schedule: 'cron(30 3 * * ? *)',
    publishTarget: 'local',
  },
};

/**
 * What became of each step, from the dry run's log: completed, failed, "not run" (its `if`
 * was false) or "no dry run" (the action cannot dry-run, e.g. registration).
 */
function stepStatuses(body: {
  log: Array<{ body: { stepId?: string; status?: string; message?: string } }>;
}) {
  const status = new Map<string, string>();
  for (const { body: line } of body.log) {
    if (!line.stepId || !line.status) continue;
    if (line.status !== 'skipped') status.set(line.stepId, line.status);
    else if (line.message?.includes('if condition was false'))
      status.set(line.stepId, 'not run');
    else if (line.message?.includes('does not support dry-run'))
      status.set(line.stepId, 'no dry run');
    else status.set(line.stepId, `skipped: ${line.message}`);
  }
  return Object.fromEntries(status);
}

/** A dry run, valid or not, and a run with bad input never publish anything. */
function assertNothingPublished(gitDirectory: string) {
  const published = fs.readdirSync(gitDirectory);
  if (published.length)
    throw new Error(`Published although it must not: ${published.join(', ')}`);
}

function hasPython() {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The messages a step logged. */
function logOf(
  body: { log: Array<{ body: { stepId?: string; message?: string } }> },
  stepId: string,
) {
  return body.log
    .filter(line => line.body.stepId === stepId)
    .map(line => line.body.message)
    .join('\n');
}

/** The generated workspace, path -> text. */
function generatedFiles(body: {
  directoryContents: Array<{ path: string; base64Content: string }>;
}) {
  return new Map(
    body.directoryContents.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

describe('the templates in the real scaffolder', () => {
  const gitDirectory = createMockDirectory();
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataHub,
        scaffolderModuleGithub,
        scaffolderModuleGitlab,
        scaffolderModuleBitbucketServer,
        catalogServiceMock.factory({ entities: CATALOG }),
        mockServices.rootConfig.factory({
          data: {
            scaffolder: appConfig.scaffolder,
            dataHub: {
              hubs: TEST_HUBS,
              scaffolder: {
                terraformModulesDirectory: path.join(
                  templatesDirectory,
                  'terraform-modules',
                ),
                localGitDirectory: gitDirectory.path,
              },
            },
          },
        }),
      ],
    }));
  });

  const dryRun = (name: TemplateName, values: Record<string, unknown>) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ ...templateRequest(name), values });

  afterEach(() => assertNothingPublished(gitDirectory.path));

  it.each(TEMPLATES)(
    '%s: every step succeeds, the Terraform checks out and the Dataset is valid',
    async name => {
      const res = await dryRun(name, VALID[name]);
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);

      expect(stepStatuses(res.body)).toEqual({
        validate: 'completed',
        ...(name === 'data-preparation' && { upstream: 'completed' }),
        ...(name !== 'stream-ingest' && { schedule: 'completed' }),
        hub: 'completed',
        fetch: 'completed',
        'pipeline-github': 'completed',
        'pipeline-gitlab': 'not run',
        terraform: 'completed',
        'publish-local': 'completed',
        'publish-github': 'not run',
        'github-exploration': 'not run',
        'github-development': 'not run',
        'github-production': 'not run',
        'publish-gitlab': 'not run',
        'publish-bitbucket': 'not run',
        'register-local': 'no dry run',
        register: 'not run',
      });

      const files = generatedFiles(res.body);
      const [dataset] = readYaml(
        'catalog-info.yaml',
        files.get('catalog-info.yaml'),
      );
      await expect(datasetEntityV1alpha1Validator.check(dataset)).resolves.toBe(
        true,
      );
      expect(dataset.metadata.name).toBe(VALID[name].name);
      expect(dataset.spec.owner).toBe(VALID[name].owner);

      // Module sources are pinned to the release the portal's config names.
      const tf = [...files.entries()].filter(([file]) => file.endsWith('.tf'));
      const sources = tf.flatMap(([, text]) =>
        [
          ...text.matchAll(/module\s+"[^"]+"\s*\{\s*source\s*=\s*"([^"]+)"/g),
        ].map(m => m[1]),
      );
      const { terraformModulesSource, terraformModulesVersion } =
        appConfig.scaffolder.defaultEnvironment.parameters;
      expect(sources.length).toBeGreaterThanOrEqual(2);
      for (const source of sources) {
        expect(source.startsWith(`${terraformModulesSource}//`)).toBe(true);
        expect(source.endsWith(`?ref=${terraformModulesVersion}`)).toBe(true);
      }
      // The pipeline plans on pull requests and promotes on merge.
      expect(files.get('.github/workflows/terraform.yml')).toMatch(
        /pull_request:[\s\S]*exploration[\s\S]*development[\s\S]*production/,
      );
      expect(files.has('.gitlab-ci.yml')).toBe(false);
      expect(files.get('ci/terraform.sh')).toContain('terraform apply');
      for (const environment of ['exploration', 'development', 'production']) {
        const tfvars = JSON.parse(
          files.get(`environments/${environment}.tfvars.json`)!,
        );
        expect(tfvars.environment).toBe(environment);
        expect(files.get(`environments/${environment}.s3.tfbackend`)).toContain(
          `key          = "data-hub/${VALID[name].name}/${environment}.tfstate"`,
        );
      }
      expect(files.get('README.md')).toContain(`# ${VALID[name].title}`);
      expect(logOf(res.body, 'terraform')).toContain(
        'Terraform is valid: 5 files',
      );

      expect(res.body.output.links).toEqual([
        // no web page for a local repository: the link is left out, the clone command shown
        { title: 'Repository' },
        {
          title: 'Open the dataset',
          icon: 'catalog',
          entityRef: `dataset:default/${VALID[name].name}`,
        },
      ]);
      expect(res.body.output.text[0].content).toContain(
        `git clone file://${gitDirectory.path}/${VALID[name].name}.git`,
      );
    },
  );

  it('jdbc-ingest: one job per table, from a table or a query, PII pseudonymised, freshness from the schedule', async () => {
    const res = await dryRun('jdbc-ingest', VALID['jdbc-ingest']);
    const files = generatedFiles(res.body);
    const [dataset] = readYaml(
      'catalog-info.yaml',
      files.get('catalog-info.yaml'),
    );
    expect(dataset.metadata.description).toBe(VALID['jdbc-ingest'].description);
    expect(dataset.spec).toMatchObject({
      layer: 'source',
      hub: 'us',
      storage: {
        location: 's3://cdh-us-source-222222222222/us_dealer_orders_source/',
        glueDatabase: 'us_dealer_orders_source',
        region: 'us-east-1',
        accountId: '222222222222',
      },
      // daily at 02:00 plus the two hours a run may take
      freshness: { maxAgeHours: 26 },
    });
    expect(dataset.spec.tables).toEqual([
      {
        name: 'orders',
        description: 'One row per order.',
        partitionKeys: [
          {
            name: 'dt',
            type: 'string',
            description: 'Day of the ingest run (yyyy-MM-dd, UTC)',
          },
        ],
        columns: [
          { name: 'order_id', type: 'bigint', description: 'Order number' },
          {
            name: 'customer_email',
            type: 'string',
            description: 'Who ordered',
            pii: true,
          },
          { name: 'amount', type: 'decimal(12,2)' },
        ],
      },
      {
        name: 'open_orders',
        partitionKeys: [
          {
            name: 'dt',
            type: 'string',
            description: 'Day of the ingest run (yyyy-MM-dd, UTC)',
          },
        ],
        columns: [
          { name: 'order_id', type: 'bigint' },
          { name: 'status', type: 'string' },
        ],
      },
    ]);
    const [ingest] = readYaml('ingest.yaml', files.get('ingest.yaml'));
    expect(ingest).toEqual({
      schedule: 'cron(0 2 * * ? *)',
      tables: [
        { name: 'orders', source_table: 'sales.orders' },
        {
          name: 'open_orders',
          source_query:
            "SELECT order_id, status FROM sales.orders WHERE status <> 'closed'",
        },
      ],
    });
    expect(
      JSON.parse(files.get('environments/production.tfvars.json')!),
    ).toEqual({
      environment: 'production',
      account_id: '222222222222',
      schedule_enabled: true,
      alarm_email_addresses: ['dealer-orders@example.com'],
      jdbc_url: 'jdbc:postgresql://orders-db.corp.example.com:5432/sales',
      credentials_secret_name: 'cdh/us/dealer-orders-db',
      database_cidr_blocks: ['10.20.30.0/24'],
      database_port: 5432,
    });
    // Exploration is run by hand, in an account the portal does not know.
    expect(
      JSON.parse(files.get('environments/exploration.tfvars.json')!),
    ).toMatchObject({
      account_id: null,
      schedule_enabled: false,
    });
    // Terraform reads what the user typed from the YAML files: no user text is HCL.
    expect(files.get('main.tf')).not.toContain('currency');
    expect(files.get('main.tf')).toContain('for_each = local.tables');
  });

  it('stream-ingest: the table schema, event-time partitioning and producers', async () => {
    const res = await dryRun('stream-ingest', VALID['stream-ingest']);
    const files = generatedFiles(res.body);
    const [dataset] = readYaml(
      'catalog-info.yaml',
      files.get('catalog-info.yaml'),
    );
    expect(dataset.spec.freshness).toEqual({ maxAgeHours: 2 });
    expect(dataset.spec.tables).toEqual([
      {
        name: 'charging_events',
        description: 'One row per charging event.',
        partitionKeys: [
          {
            name: 'dt',
            type: 'string',
            description: 'Event date (yyyy-MM-dd, UTC)',
          },
        ],
        columns: [
          {
            name: 'vin',
            type: 'string',
            description: 'Vehicle identification number',
            pii: true,
          },
          { name: 'event_time', type: 'timestamp' },
          { name: 'energy_kwh', type: 'double', description: 'Energy charged' },
        ],
      },
    ]);
    expect(readYaml('stream.yaml', files.get('stream.yaml'))[0]).toEqual({
      table: 'charging_events',
      kinesis_stream_name: null,
      producer_role_names: ['telematics-gateway'],
      event_time_field: 'eventTime',
      json_key_mappings: { event_time: 'eventTime' },
      buffering_interval_seconds: 300,
    });
  });

  it('data-preparation: upstream, the prepared table derived from the upstream table, the repository-owned transform', async () => {
    const res = await dryRun('data-preparation', VALID['data-preparation']);
    const files = generatedFiles(res.body);
    const [dataset] = readYaml(
      'catalog-info.yaml',
      files.get('catalog-info.yaml'),
    );
    expect(dataset.spec).toMatchObject({
      layer: 'prepared',
      upstream: ['dataset:default/us-sales-orders-source'],
      storage: {
        location:
          's3://cdh-us-prepared-222222222222/us_sales_orders_clean_prepared/',
      },
      freshness: { maxAgeHours: 26 },
    });
    expect(dataset.spec.tables).toEqual([
      {
        name: 'orders',
        partitionKeys: [{ name: 'dt', type: 'string' }],
        columns: [
          { name: 'order_id', type: 'string', description: 'Order number' },
          {
            name: 'customer_email',
            type: 'string',
            description: 'Who ordered',
            pii: true,
          },
          {
            name: 'amount',
            type: 'decimal(12,2)',
            description: 'Order value as sent',
          },
          { name: 'updated_at', type: 'timestamp' },
        ],
      },
    ]);
    expect(
      readYaml('preparation.yaml', files.get('preparation.yaml'))[0],
    ).toEqual({
      upstream: {
        dataset: 'dataset:default/us-sales-orders-source',
        layer: 'source',
        glue_database: 'us_sales_orders_source',
        table: 'orders',
        partition_column: 'dt',
      },
      table: 'orders',
      key_columns: ['order_id'],
      order_by_column: 'updated_at',
      column_types: { amount: 'decimal(12,2)' },
      drop_columns: ['etl_batch_id'],
      partition_column: 'dt',
      schedule: 'cron(30 3 * * ? *)',
    });
    const transform = files.get('jobs/transform.py')!;
    expect(transform).toContain(
      'COLUMNS = [\n    "order_id",\n    "customer_email",\n    "amount",\n    "updated_at",\n    "dt",\n]',
    );
    expect(files.get('main.tf')).toContain(
      'transform_script_path = "${path.module}/jobs/transform.py"',
    );
    if (hasPython()) {
      execFileSync(
        'python3',
        ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'],
        { input: transform },
      );
    }
  });

  it.each(TEMPLATES)(
    '%s publishes to GitHub with GitHub Actions, or to GitLab with GitLab CI',
    async name => {
      const github = await dryRun(name, {
        ...VALID[name],
        publishTarget: 'github',
        repoUrl: 'github.com?owner=acme-data&repo=orders',
      });
      expect(github.status).toBe(200);
      expect(stepStatuses(github.body)).toMatchObject({
        'pipeline-github': 'completed',
        'pipeline-gitlab': 'not run',
        'publish-local': 'not run',
        'publish-github': 'no dry run',
        'github-exploration': 'no dry run',
        'github-development': 'no dry run',
        'github-production': 'no dry run',
        'register-local': 'not run',
        register: 'no dry run',
      });
      expect(
        generatedFiles(github.body).has(
          '.github/workflows/terraform-environment.yml',
        ),
      ).toBe(true);

      const gitlab = await dryRun(name, {
        ...VALID[name],
        publishTarget: 'gitlab',
        repoUrl: 'gitlab.com?owner=acme-data&repo=orders',
      });
      expect(gitlab.status).toBe(200);
      expect(stepStatuses(gitlab.body)).toMatchObject({
        'pipeline-github': 'not run',
        'pipeline-gitlab': 'completed',
        'publish-gitlab': 'no dry run',
        register: 'no dry run',
      });
      const files = generatedFiles(gitlab.body);
      expect(files.has('.github/workflows/terraform.yml')).toBe(false);
      expect(files.get('.gitlab-ci.yml')).toMatch(
        /merge_request_event[\s\S]*apply-exploration[\s\S]*apply-development[\s\S]*apply-production/,
      );
      expect(files.get('README.md')).toContain(
        'scoped to the GitLab environments',
      );
    },
  );
});

describe('the templates reject bad input with a clear message, before anything is written', () => {
  const gitDirectory = createMockDirectory();
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataHub,
        catalogServiceMock.factory({ entities: CATALOG }),
        mockServices.rootConfig.factory({
          data: {
            scaffolder: appConfig.scaffolder,
            dataHub: {
              hubs: TEST_HUBS,
              scaffolder: {
                terraformModulesDirectory: path.join(
                  templatesDirectory,
                  'terraform-modules',
                ),
                localGitDirectory: gitDirectory.path,
              },
            },
          },
        }),
      ],
    }));
  });
  afterEach(() => assertNothingPublished(gitDirectory.path));

  const dryRun = (name: TemplateName, change: Record<string, unknown>) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        ...templateRequest(name),
        values: { ...VALID[name], ...change },
      });

  // The form's schema (checked again by the backend) catches malformed values first.
  it.each([
    [
      'a malformed name',
      'jdbc-ingest',
      { name: 'US_dealer_orders' },
      'instance.name does not match pattern',
    ],
    [
      'a name of another layer',
      'jdbc-ingest',
      { name: 'us-dealer-orders-prepared' },
      'instance.name does not match pattern',
    ],
    [
      'an unknown hub',
      'stream-ingest',
      { hub: 'eu' },
      'instance.hub is not one of enum values: global,us,cn',
    ],
    [
      'an unsupported database',
      'jdbc-ingest',
      { jdbcUrl: 'jdbc:db2://host:50000/sales' },
      'instance.jdbcUrl does not match pattern',
    ],
    [
      'no key column',
      'data-preparation',
      { keyColumns: [] },
      'instance.keyColumns does not meet minimum length of 1',
    ],
  ] as const)(
    'refuses %s (%s) by the form schema',
    async (_what, name, change, message) => {
      const res = await dryRun(name, change);
      expect(res.status).toBe(400);
      expect(
        res.body.errors.map((e: { stack: string }) => e.stack).join('; '),
      ).toContain(message);
    },
  );

  // What only the catalog, the hubs or the upstream can tell is checked by the first steps.
  it.each([
    [
      'a taken name',
      'jdbc-ingest',
      { name: 'us-sales-orders-source' },
      'The dataset cannot be created: a dataset named "us-sales-orders-source" already exists (dataset:default/us-sales-orders-source)',
    ],
    [
      'an unknown business object and owner',
      'stream-ingest',
      {
        businessObject: 'domain:default/weather',
        owner: 'group:default/nobody',
      },
      'The dataset cannot be created: business object "domain:default/weather" does not exist in the catalog; owner "group:default/nobody" does not exist in the catalog',
    ],
    [
      'a schedule AWS cannot run',
      'jdbc-ingest',
      { schedule: 'cron(0 2 * * * *)' },
      'The schedule is not valid: "cron(0 2 * * * *)": exactly one of day-of-month and day-of-week must be "?"',
    ],
    [
      'an upstream of another hub',
      'data-preparation',
      { sourceDataset: 'dataset:default/vehicle-telemetry-source' },
      'The upstream dataset cannot be used: dataset:default/vehicle-telemetry-source lives in hub "global", the new dataset in hub "us"; a preparation job reads and writes within one hub',
    ],
    [
      'key columns the upstream does not have',
      'data-preparation',
      { keyColumns: ['order_no'], partitionColumn: 'order_date' },
      'The upstream dataset cannot be used: key column(s) "order_no" is not a column of dataset:default/us-sales-orders-source table orders',
    ],
  ] as const)(
    'rejects %s (%s) in its first steps',
    async (_what, name, change, message) => {
      const res = await dryRun(name, change);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    },
  );
});

describe('the templates share their pipeline', () => {
  // The pipeline definitions and the Terraform wrapper are copies in every template (a template
  // can only fetch below its own folder); they must not drift apart.
  it.each([
    'pipelines',
    'skeleton/ci',
    'skeleton/backend.tf',
    'skeleton/versions.tf',
    'skeleton/.gitignore',
  ])('%s is the same in every template', shared => {
    const contents = TEMPLATES.map(name => {
      const target = path.join(templatesDirectory, name, shared);
      const files = fs.statSync(target).isDirectory()
        ? filesBelow(target)
        : [target];
      return files.map(file => [
        path.relative(path.join(templatesDirectory, name), file),
        fs.readFileSync(file, 'utf8'),
      ]);
    });
    expect(contents[0].length).toBeGreaterThan(0);
    expect(contents[1]).toEqual(contents[0]);
    expect(contents[2]).toEqual(contents[0]);
  });

  it('the hubs of the forms are the hubs of the portal', () => {
    for (const name of TEMPLATES) {
      const [template] = readYaml(
        path.join(templatesDirectory, name, 'template.yaml'),
      );
      const hub = template.spec.parameters[0].properties.hub;
      expect({ name, enum: hub.enum, enumNames: hub.enumNames }).toEqual({
        name,
        enum: appConfig.dataHub.hubs.map((h: { name: string }) => h.name),
        enumNames: appConfig.dataHub.hubs.map(
          (h: { title: string }) => h.title,
        ),
      });
    }
  });
});

// What `npm start` does when someone runs a template from the Create page: the template comes
// from the catalog (a file location), the task really runs, the repository is published to a
// local bare repository and the new Dataset is registered in the real catalog.
describe('a template run for real: local repository and catalog registration', () => {
  const gitDirectory = createMockDirectory();
  const clones = createMockDirectory();

  it('creates the repository and the Dataset appears in the catalog', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleDataHub,
        catalogModuleLocalFileLocations,
        scaffolderPlugin,
        scaffolderModuleDataHub,
        mockServices.rootConfig.factory({
          data: {
            scaffolder: appConfig.scaffolder,
            catalog: {
              rules: [
                {
                  allow: [
                    'Template',
                    'Domain',
                    'Group',
                    'User',
                    'System',
                    'Dataset',
                    'Location',
                  ],
                },
              ],
              processingInterval: { seconds: 1 },
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'packages/backend/demo/org.yaml'),
                },
                {
                  type: 'file',
                  target: path.join(
                    repoRoot,
                    'packages/backend/demo/business-objects-and-use-cases.yaml',
                  ),
                },
                {
                  type: 'file',
                  target: path.join(
                    templatesDirectory,
                    'jdbc-ingest/template.yaml',
                  ),
                },
              ],
              providers: { dataHub: { enabled: false } },
            },
            dataHub: {
              hubs: TEST_HUBS,
              scaffolder: {
                terraformModulesDirectory: path.join(
                  templatesDirectory,
                  'terraform-modules',
                ),
                localGitDirectory: gitDirectory.path,
              },
            },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header();
    const get = (url: string) =>
      request(server).get(url).set('Authorization', user);
    const eventually = async <T>(
      what: () => Promise<T | undefined>,
      description: string,
    ): Promise<T> => {
      for (let i = 0; i < 120; i++) {
        const value = await what();
        if (value !== undefined) return value;
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error(`Timed out waiting for ${description}`);
    };

    // The template, the business object and the owner are in the catalog.
    for (const ref of [
      'template/default/jdbc-ingest',
      'domain/default/sales',
      'group/default/sales-data-us',
    ]) {
      await eventually(
        async () =>
          (await get(`/api/catalog/entities/by-name/${ref}`)).status === 200
            ? true
            : undefined,
        ref,
      );
    }

    const values = {
      ...VALID['jdbc-ingest'],
      name: 'us-dealer-returns-source',
      title: 'US dealer returns (source)',
    };
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', user)
      .send({ templateRef: 'template:default/jdbc-ingest', values });
    expect(created.status).toBe(201);

    const task = await eventually(async () => {
      const res = await get(`/api/scaffolder/v2/tasks/${created.body.id}`);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 'the task');
    const { body: log } = await get(
      `/api/scaffolder/v2/tasks/${created.body.id}/events`,
    );
    if (task.status !== 'completed') {
      throw new Error(log.map((e: any) => e.body.message).join('\n'));
    }
    const { output } = log.find((e: any) => e.type === 'completion').body;
    const remoteUrl = `file://${gitDirectory.path}/us-dealer-returns-source.git`;
    expect(output.text[0].content).toContain(`git clone ${remoteUrl}`);
    expect(output.links).toContainEqual({
      title: 'Open the dataset',
      icon: 'catalog',
      entityRef: 'dataset:default/us-dealer-returns-source',
    });

    // The repository holds the generated files, in one commit.
    execFileSync('git', ['clone', '--quiet', remoteUrl, 'repo'], {
      cwd: clones.path,
    });
    const repo = path.join(clones.path, 'repo');
    const tracked = execFileSync('git', ['ls-files'], {
      cwd: repo,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(tracked).toEqual(
      expect.arrayContaining([
        '.github/workflows/terraform.yml',
        'catalog-info.yaml',
        'ci/terraform.sh',
        'environments/production.tfvars.json',
        'ingest.yaml',
        'main.tf',
        'README.md',
      ]),
    );
    expect(
      execFileSync('git', ['log', '--format=%an|%s'], {
        cwd: repo,
        encoding: 'utf8',
      }).trim(),
    ).toBe(
      `${appConfig.scaffolder.defaultAuthor.name}|Create us-dealer-returns-source from the JDBC ingest template`,
    );
    // The pipeline's script stays executable.
    expect(
      execFileSync('git', ['ls-files', '-s', 'ci/terraform.sh'], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ).toMatch(/^100755 /);

    // The catalog has the new Dataset, with its relations.
    const dataset = await eventually(async () => {
      const res = await get(
        '/api/catalog/entities/by-name/dataset/default/us-dealer-returns-source',
      );
      return res.status === 200 && res.body.relations?.length
        ? res.body
        : undefined;
    }, 'the new Dataset in the catalog');
    expect(dataset.spec.owner).toBe('group:default/sales-data-us');
    expect(dataset.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/sales-data-us' },
        { type: 'partOf', targetRef: 'domain:default/sales' },
      ]),
    );

    // Running the template again with the same name stops at the first step.
    const again = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', user)
      .send({ templateRef: 'template:default/jdbc-ingest', values });
    const failed = await eventually(async () => {
      const res = await get(`/api/scaffolder/v2/tasks/${again.body.id}`);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 'the second task');
    expect(failed.status).toBe('failed');
    const events = await get(
      `/api/scaffolder/v2/tasks/${again.body.id}/events`,
    );
    expect(events.body.map((e: any) => e.body.message).join('\n')).toContain(
      'a dataset named "us-dealer-returns-source" already exists (dataset:default/us-dealer-returns-source)',
    );
  });
});
