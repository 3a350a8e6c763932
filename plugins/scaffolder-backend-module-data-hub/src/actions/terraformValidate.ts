import path from 'node:path';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TerraformChecker } from '../terraform/TerraformChecker';
import { examples } from './terraformValidate.examples';

/**
 * `datahub:terraform:validate`: every generated `.tf` file parses, and every module call
 * sets the module's required variables and only variables it declares. Fails with
 * `file:line: message` for each problem.
 */
export function createTerraformValidateAction(options: {
  modulesDirectory?: string;
}) {
  return createTemplateAction({
    id: 'datahub:terraform:validate',
    description:
      'Parses every .tf file of the workspace with the HCL parser and checks module calls against the modules they call.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        directory: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to check; defaults to the whole workspace',
            ),
      },
      output: {
        files: z => z.number(),
        moduleCalls: z => z.number(),
      },
    },
    async handler(ctx) {
      const directory = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.directory ?? '.',
      );
      const result = await new TerraformChecker({
        modulesDirectory: options.modulesDirectory,
      }).checkDirectory(directory);
      if (result.files === 0) {
        throw new InputError(
          `No Terraform files in ${ctx.input.directory ?? 'the workspace'}`,
        );
      }
      if (result.problems.length) {
        const lines = result.problems.map(
          p =>
            `${path.relative(ctx.workspacePath, p.file)}:${p.line}: ${
              p.message
            }`,
        );
        throw new InputError(`Terraform is not valid:\n${lines.join('\n')}`);
      }
      ctx.logger.info(
        `Terraform is valid: ${result.files} files, ${result.moduleCalls} module calls checked`,
      );
      ctx.output('files', result.files);
      ctx.output('moduleCalls', result.moduleCalls);
    },
  });
}
