import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check the upstream of a preparation job and derive the prepared table: orders deduplicated on order_id, typed, without an internal column',
    example: yaml.stringify({
      steps: [
        {
          id: 'upstream',
          action: 'datahub:upstream:resolve',
          name: 'Resolve upstream dataset',
          input: {
            upstream: 'dataset:default/us-dealer-orders-source',
            table: 'orders',
            hub: 'us',
            keyColumns: ['order_id'],
            orderByColumn: 'updated_at',
            dropColumns: ['etl_batch_id'],
            columnTypes: [{ column: 'amount', type: 'decimal(12,2)' }],
            partitionColumn: 'dt',
          },
        },
      ],
    }),
  },
];
