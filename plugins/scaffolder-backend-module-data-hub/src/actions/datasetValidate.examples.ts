import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check a new source dataset before anything is created',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'datahub:dataset:validate',
          name: 'Validate dataset',
          input: {
            name: 'us-dealer-orders-source',
            layer: 'source',
            hub: 'us',
            businessObject: 'domain:default/sales',
            owner: 'group:default/sales-data-us',
          },
        },
      ],
    }),
  },
];
