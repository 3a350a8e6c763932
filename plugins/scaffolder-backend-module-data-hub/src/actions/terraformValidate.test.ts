import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createTerraformValidateAction } from './terraformValidate';
import { examples } from './terraformValidate.examples';

const moduleFiles = {
  'variables.tf': `
variable "dataset_name" {
  type        = string
  description = "Name"
}
variable "hub" {
  type = string
}
variable "tags" {
  type    = map(string)
  default = {}
}
`,
  'main.tf': `resource "aws_s3_bucket" "this" {\n  bucket = var.dataset_name\n}\n`,
};

describe('datahub:terraform:validate', () => {
  const modules = createMockDirectory();
  const workspace = createMockDirectory();
  const action = createTerraformValidateAction({
    modulesDirectory: modules.path,
  });

  beforeEach(() => {
    modules.setContent({ dataset: moduleFiles });
  });

  it('accepts its example: module calls that set what the module needs', async () => {
    workspace.setContent({
      infrastructure: {
        'main.tf': `
module "dataset" {
  source       = "git::https://git.example.com/data-hub/terraform-modules.git//dataset?ref=v1.0.0"
  dataset_name = "us-dealer-orders-source"
  hub          = "us"
}
module "local" {
  source       = "./modules/dataset"
  dataset_name = "x"
  hub          = "us"
  tags         = { team = "sales" }
}
`,
        modules: { dataset: moduleFiles },
      },
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: yaml.parse(examples[0].example).steps[0].input,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('files', 3);
    expect(ctx.output).toHaveBeenCalledWith('moduleCalls', 2);
  });

  it('fails with file:line for syntax errors, unknown and missing variables, unpinned sources', async () => {
    workspace.setContent({
      'broken.tf': `resource "aws_s3_bucket" "b" {\n  bucket =\n}\n`,
      'main.tf': `
module "dataset" {
  source       = "git::https://git.example.com/data-hub/terraform-modules.git//dataset"
  dataset_name = "x"
  region       = "us-east-1"
}
`,
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      [
        'Terraform is not valid:',
        'broken.tf:2: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
        'main.tf:2: module "dataset" source "git::https://git.example.com/data-hub/terraform-modules.git//dataset" is not pinned: add ?ref=<tag>',
        'main.tf:5: module "dataset" sets "region", which git::https://git.example.com/data-hub/terraform-modules.git//dataset does not declare',
        'main.tf:2: module "dataset" does not set required variable(s) of git::https://git.example.com/data-hub/terraform-modules.git//dataset: hub',
      ].join('\n'),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a folder outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { directory: '../..' },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(/outside/i);
  });

  // Every Terraform module of the repository, with its examples, passes the same check.
  const repoModules = path.resolve(
    __dirname,
    '../../../../templates/terraform-modules',
  );
  const moduleDirs = fs.existsSync(repoModules)
    ? fs
        .readdirSync(repoModules)
        .filter(d => fs.statSync(path.join(repoModules, d)).isDirectory())
    : [];
  it.each(moduleDirs)(
    'checks templates/terraform-modules/%s and its examples',
    async dir => {
      const ctx = createMockActionContext({
        workspacePath: path.join(repoModules, dir),
        input: {},
      });
      await createTerraformValidateAction({
        modulesDirectory: repoModules,
      }).handler(ctx as any);
      // at least the example's call of the module was checked
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.moduleCalls).toBeGreaterThanOrEqual(1);
      expect(outputs.files).toBeGreaterThanOrEqual(4);
    },
  );
});
