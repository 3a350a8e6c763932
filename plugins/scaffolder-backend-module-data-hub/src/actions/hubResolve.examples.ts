import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Resolve where a new source dataset of hub us goes',
    example: yaml.stringify({
      steps: [
        {
          id: 'hub',
          action: 'datahub:hub:resolve',
          name: 'Resolve hub',
          input: {
            hub: 'us',
            layer: 'source',
            datasetName: 'us-dealer-orders-source',
          },
        },
      ],
    }),
  },
];
