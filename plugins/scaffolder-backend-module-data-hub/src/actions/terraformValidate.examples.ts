import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check the Terraform a template generated into the infrastructure folder',
    example: yaml.stringify({
      steps: [
        {
          id: 'terraform',
          action: 'datahub:terraform:validate',
          name: 'Validate Terraform',
          input: { directory: 'infrastructure' },
        },
      ],
    }),
  },
];
