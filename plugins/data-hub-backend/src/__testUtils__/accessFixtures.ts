/** A small catalog for access-workflow tests: datasets in two hubs, use cases, members. */
const dataset = (
  name: string,
  hub: string,
  owner: string,
  classification: string,
  tables: unknown[],
) => ({
  apiVersion: 'clouddatahub.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'default', title: name },
  spec: {
    layer: 'source',
    hub,
    businessObject: 'domain:default/sales',
    owner,
    lifecycle: 'production',
    classification,
    storage: {
      location: `s3://cdh-${hub}/${name}/`,
      glueDatabase: name.replace(/-/g, '_'),
    },
    tables,
  },
});

const useCase = (name: string, hub: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'clouddatahub.io/use-case-hub': hub },
  },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

export const ACCESS_TEST_ENTITIES = [
  dataset('us-sales-orders-source', 'us', 'sales-data-us', 'confidential', [
    {
      name: 'orders',
      partitionKeys: [{ name: 'dt', type: 'date' }],
      columns: [
        { name: 'order_id', type: 'string' },
        { name: 'vin', type: 'string', pii: true },
        { name: 'amount', type: 'double' },
      ],
    },
    {
      name: 'dealers',
      columns: [
        { name: 'dealer_id', type: 'string' },
        { name: 'email', type: 'string', pii: true },
      ],
    },
  ]),
  dataset(
    'us-customer-crm-source',
    'us',
    'customer-data-us',
    'strictly-confidential',
    [{ name: 'customers', columns: [{ name: 'customer_id', type: 'string' }] }],
  ),
  useCase('us-marketing-360', 'us', 'us-marketing-analytics'),
  useCase('cn-quality-analytics', 'cn', 'cn-quality-analytics'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'plain-system', namespace: 'default' },
    spec: { owner: 'x' },
  },
];

/** Group memberships of the test users (what their tokens' ownership refs would say). */
export const ACCESS_TEST_MEMBERS: Record<string, string[]> = {
  'user:default/alice': ['group:default/us-marketing-analytics'],
  // Alice's teammate: neither requester nor dataset owner, reads the team's requests.
  'user:default/uma': ['group:default/us-marketing-analytics'],
  'user:default/bob': ['group:default/sales-data-us'],
  'user:default/carol': ['group:default/sales-data-us'],
  // Sam provides sales data and also analyses it: must never approve his own request.
  'user:default/sam': [
    'group:default/sales-data-us',
    'group:default/us-marketing-analytics',
  ],
  'user:default/mei': ['group:default/cn-quality-analytics'],
  'user:default/eve': [],
};
