import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the Dataset of a repository published with datahub:publish:local',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'datahub:catalog:register-local',
          name: 'Register the dataset',
          input: {
            catalogInfoUrl: "${{ steps['publish'].output.catalogInfoUrl }}",
          },
        },
      ],
    }),
  },
];
