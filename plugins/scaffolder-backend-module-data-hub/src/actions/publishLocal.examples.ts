import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace to a bare repository on this machine, named like the new dataset',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'datahub:publish:local',
          name: 'Publish to a local Git repository',
          input: {
            repoName: 'us-dealer-orders-source',
            description: 'JDBC ingest of the US dealer order system',
            defaultBranch: 'main',
          },
        },
      ],
    }),
  },
];
