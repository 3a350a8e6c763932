import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** One finding, pointing at a file and line. */
export interface TerraformProblem {
  file: string;
  line: number;
  message: string;
}

export interface TerraformCheckResult {
  files: number;
  moduleCalls: number;
  problems: TerraformProblem[];
}

/** Arguments every module block may set besides the module's variables. */
const META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);

interface ModuleVariables {
  declared: Set<string>;
  required: Set<string>;
}

type ParsedHcl = {
  module?: Record<string, Array<Record<string, unknown>>>;
  variable?: Record<string, Array<Record<string, unknown>>>;
};

/**
 * Checks Terraform the way `terraform validate` would check module calls, without Terraform:
 * every `.tf` file parses (HashiCorp's own HCL parser, compiled to WASM in @cdktf/hcl2json),
 * every module call sets the module's required variables and only variables it declares,
 * and remote module sources are pinned to a version.
 *
 * Local sources (`./…`, `../…`) are resolved next to the calling file; a remote source whose
 * `//<subdirectory>` names a module of `modulesDirectory` is checked against that module.
 */
export class TerraformChecker {
  private readonly variablesCache = new Map<
    string,
    Promise<ModuleVariables | undefined>
  >();

  constructor(private readonly options: { modulesDirectory?: string } = {}) {}

  async checkDirectory(directory: string): Promise<TerraformCheckResult> {
    const files = await findTerraformFiles(directory);
    const result: TerraformCheckResult = {
      files: files.length,
      moduleCalls: 0,
      problems: [],
    };
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      const parsed = await parseFile(file, text, result.problems);
      for (const [name, blocks] of Object.entries(parsed?.module ?? {})) {
        for (const block of blocks) {
          result.moduleCalls++;
          await this.checkModuleCall(file, text, name, block, result.problems);
        }
      }
    }
    return result;
  }

  private async checkModuleCall(
    file: string,
    text: string,
    name: string,
    block: Record<string, unknown>,
    problems: TerraformProblem[],
  ) {
    const line = lineOf(
      text,
      new RegExp(`^\\s*module\\s+"${escape(name)}"`, 'm'),
    );
    const source = typeof block.source === 'string' ? block.source : undefined;
    if (!source) {
      problems.push({ file, line, message: `module "${name}" has no source` });
      return;
    }
    if (
      /^(git::|github\.com\/|git@)/.test(source) &&
      !/[?&]ref=/.test(source)
    ) {
      problems.push({
        file,
        line,
        message: `module "${name}" source "${source}" is not pinned: add ?ref=<tag>`,
      });
    }
    const moduleDir = this.resolveSource(file, source);
    const variables = moduleDir ? await this.variablesOf(moduleDir) : undefined;
    if (!variables) {
      if (source.startsWith('.')) {
        problems.push({
          file,
          line,
          message: `module "${name}" source "${source}" has no Terraform files`,
        });
      }
      return;
    }
    const set = Object.keys(block).filter(k => !META_ARGUMENTS.has(k));
    for (const argument of set) {
      if (!variables.declared.has(argument)) {
        problems.push({
          file,
          line: lineOf(
            text,
            new RegExp(`^\\s*${escape(argument)}\\s*=`, 'm'),
            line,
          ),
          message: `module "${name}" sets "${argument}", which ${source} does not declare`,
        });
      }
    }
    const missing = [...variables.required].filter(v => !set.includes(v));
    if (missing.length) {
      problems.push({
        file,
        line,
        message: `module "${name}" does not set required variable(s) of ${source}: ${missing.join(
          ', ',
        )}`,
      });
    }
  }

  private resolveSource(file: string, source: string): string | undefined {
    if (source.startsWith('./') || source.startsWith('../')) {
      return path.resolve(path.dirname(file), source);
    }
    const subdirectory = /\/\/([^?]+)/.exec(
      source.replace(/^[a-z]+::[a-z]+:\/\//, ''),
    )?.[1];
    if (subdirectory && this.options.modulesDirectory) {
      return path.join(this.options.modulesDirectory, subdirectory);
    }
    return undefined;
  }

  private variablesOf(moduleDir: string): Promise<ModuleVariables | undefined> {
    let cached = this.variablesCache.get(moduleDir);
    if (!cached) {
      cached = (async () => {
        const entries = await fs.readdir(moduleDir).catch(() => [] as string[]);
        const tfFiles = entries.filter(e => e.endsWith('.tf'));
        if (!tfFiles.length) return undefined;
        const variables: ModuleVariables = {
          declared: new Set(),
          required: new Set(),
        };
        for (const entry of tfFiles) {
          const file = path.join(moduleDir, entry);
          const parsed = await parseFile(
            file,
            await fs.readFile(file, 'utf8'),
            [],
          );
          for (const [name, blocks] of Object.entries(parsed?.variable ?? {})) {
            variables.declared.add(name);
            if (!blocks.some(b => 'default' in b)) variables.required.add(name);
          }
        }
        return variables;
      })();
      this.variablesCache.set(moduleDir, cached);
    }
    return cached;
  }
}

async function findTerraformFiles(directory: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!['.terraform', 'node_modules', '.git'].includes(entry.name)) {
          await walk(path.join(dir, entry.name));
        }
      } else if (entry.name.endsWith('.tf')) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  await walk(directory);
  return found.sort();
}

/** Parses one file; a syntax error becomes a problem at the line HCL reports. */
async function parseFile(
  file: string,
  text: string,
  problems: TerraformProblem[],
): Promise<ParsedHcl | undefined> {
  try {
    return (await parse(path.basename(file), text)) as ParsedHcl;
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    // e.g. "parse config: [main.tf:2,12-3,1: Invalid expression; Expected …]"
    const located = /:(\d+),\d+(?:-\d+(?:,\d+)?)?: (.*?)\]?$/s.exec(message);
    problems.push({
      file,
      line: located ? Number(located[1]) : 1,
      message: located ? located[2].trim() : message,
    });
    return undefined;
  }
}

function lineOf(text: string, pattern: RegExp, after = 0): number {
  const lines = text.split('\n');
  for (let i = Math.max(0, after - 1); i < lines.length; i++) {
    if (pattern.test(lines[i])) return i + 1;
  }
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : after || 1;
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
