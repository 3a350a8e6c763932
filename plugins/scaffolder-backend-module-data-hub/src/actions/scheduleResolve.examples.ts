import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Check a nightly schedule and derive the dataset's freshness from it",
    example: yaml.stringify({
      steps: [
        {
          id: 'schedule',
          action: 'datahub:schedule:resolve',
          name: 'Resolve schedule',
          input: { schedule: 'cron(0 2 * * ? *)' },
        },
      ],
    }),
  },
];
