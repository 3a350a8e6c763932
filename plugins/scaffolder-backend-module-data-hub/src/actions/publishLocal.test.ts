import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { LocalGitRepositories } from '../git/LocalGitRepositories';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

const git = (args: string[], cwd?: string) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  }).trim();

// Real git, real bare repositories in a temporary folder.
describe('datahub:publish:local', () => {
  const root = createMockDirectory();
  const workspace = createMockDirectory();
  const scratch = createMockDirectory();
  const clones = createMockDirectory();
  const gitDirectory = path.join(root.path, 'git');
  const action = createPublishLocalAction({
    repositories: new LocalGitRepositories(gitDirectory),
    defaultAuthor: { name: 'Data Hub Portal', email: 'portal@example.com' },
  });
  // As in the scaffolder, the step's scratch folder is beside the workspace, not in it.
  const context = (input: Record<string, unknown>, isDryRun = false) => ({
    ...createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    }),
    isDryRun,
    createTemporaryDirectory: async () => scratch.path,
  });

  beforeEach(() => {
    root.clear();
    scratch.clear();
    clones.clear();
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: clouddatahub.io/v1alpha1\nkind: Dataset\n',
      'main.tf': 'module "dataset" {}\n',
      '.gitignore': '.terraform/\n',
      '.terraform': { 'plugin.bin': 'ignored' },
      '.github': { workflows: { 'terraform.yml': 'name: terraform\n' } },
    });
  });

  it('runs its example: bare repository, one commit of the workspace, checkout for the catalog', async () => {
    const ctx = context(yaml.parse(examples[0].example).steps[0].input);
    await action.handler(ctx as any);

    const bare = path.join(gitDirectory, 'us-dealer-orders-source.git');
    const checkout = path.join(
      gitDirectory,
      '.checkouts',
      'us-dealer-orders-source',
    );
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toEqual({
      remoteUrl: pathToFileURL(bare).href,
      repoContentsUrl: pathToFileURL(checkout).href,
      catalogInfoUrl: pathToFileURL(path.join(checkout, 'catalog-info.yaml'))
        .href,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(git(['rev-parse', '--is-bare-repository'], bare)).toBe('true');
    expect(git(['rev-parse', 'refs/heads/main'], bare)).toBe(
      outputs.commitHash,
    );
    expect(fs.readFileSync(path.join(bare, 'description'), 'utf8')).toBe(
      'JDBC ingest of the US dealer order system\n',
    );

    // Clone it back the way a person would.
    git(['clone', '--quiet', outputs.remoteUrl, 'work'], clones.path);
    const work = path.join(clones.path, 'work');
    expect(git(['ls-files'], work).split('\n')).toEqual([
      '.github/workflows/terraform.yml',
      '.gitignore',
      'catalog-info.yaml',
      'main.tf',
    ]);
    expect(git(['log', '--format=%an <%ae>|%s'], work)).toBe(
      'Data Hub Portal <portal@example.com>|Initial commit',
    );
    expect(
      fs.readFileSync(path.join(checkout, 'catalog-info.yaml'), 'utf8'),
    ).toContain('kind: Dataset');
    // The workspace itself got no git repository.
    expect(fs.existsSync(path.join(workspace.path, '.git'))).toBe(false);
  });

  it("keeps the catalog's checkout in step with pushes to the default branch", async () => {
    const ctx = context({ repoName: 'orders-source' });
    await action.handler(ctx as any);
    const { remoteUrl } = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls,
    );

    git(['clone', '--quiet', remoteUrl, 'work'], clones.path);
    const work = path.join(clones.path, 'work');
    fs.writeFileSync(
      path.join(work, 'catalog-info.yaml'),
      'kind: Dataset\nmetadata: { name: changed }\n',
    );
    git(
      [
        '-c',
        'user.name=A',
        '-c',
        'user.email=a@example.com',
        'commit',
        '--quiet',
        '-am',
        'Rename',
      ],
      work,
    );
    git(['push', '--quiet', 'origin', 'main'], work);

    expect(
      fs.readFileSync(
        path.join(
          gitDirectory,
          '.checkouts',
          'orders-source',
          'catalog-info.yaml',
        ),
        'utf8',
      ),
    ).toContain('name: changed');
  });

  it('publishes a sub-folder of the workspace with the given branch, message and author', async () => {
    workspace.setContent({
      repo: { 'README.md': '# Orders\n' },
      'other.txt': 'not published',
    });
    const ctx = context({
      repoName: 'orders-source',
      sourcePath: 'repo',
      defaultBranch: 'trunk',
      gitCommitMessage: 'Created from the JDBC ingest template',
      gitAuthorName: 'Alice',
      gitAuthorEmail: 'alice@example.com',
    });
    await action.handler(ctx as any);
    const bare = path.join(gitDirectory, 'orders-source.git');
    expect(git(['ls-tree', '--name-only', 'trunk'], bare)).toBe('README.md');
    expect(git(['log', '-1', '--format=%an <%ae>|%s', 'trunk'], bare)).toBe(
      'Alice <alice@example.com>|Created from the JDBC ingest template',
    );
  });

  it('never overwrites a repository that exists', async () => {
    await action.handler(context({ repoName: 'orders-source' }) as any);
    const again = context({ repoName: 'orders-source' });
    await expect(action.handler(again as any)).rejects.toThrow(
      `A repository named "orders-source" already exists in ${gitDirectory}; choose another name or remove ${path.join(
        gitDirectory,
        'orders-source.git',
      )}`,
    );
    expect(again.output).not.toHaveBeenCalled();
  });

  it('uses an empty bare repository someone created for it', async () => {
    fs.mkdirSync(gitDirectory, { recursive: true });
    git([
      'init',
      '--quiet',
      '--bare',
      path.join(gitDirectory, 'orders-source.git'),
    ]);
    await action.handler(context({ repoName: 'orders-source' }) as any);
    expect(
      git(
        ['log', '--format=%s', 'main'],
        path.join(gitDirectory, 'orders-source.git'),
      ),
    ).toBe('Initial commit');
  });

  it('writes nothing in a dry run but says where it would publish', async () => {
    const ctx = context({ repoName: 'orders-source' }, true);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      pathToFileURL(path.join(gitDirectory, 'orders-source.git')).href,
    );
    expect(ctx.output).toHaveBeenCalledWith('commitHash', '');
    expect(fs.existsSync(gitDirectory)).toBe(false);
  });

  it.each(['../escape', 'Orders', 'orders.git', ''])(
    'rejects the repository name %p',
    async name => {
      await expect(
        action.handler(context({ repoName: name }) as any),
      ).rejects.toThrow('is not a repository name');
      expect(fs.existsSync(gitDirectory)).toBe(false);
    },
  );

  it('explains that a portal without a local Git folder cannot publish locally', async () => {
    const unconfigured = createPublishLocalAction({});
    await expect(
      unconfigured.handler(context({ repoName: 'orders-source' }) as any),
    ).rejects.toThrow(
      'Publishing to a local Git repository is not configured on this portal (dataHub.scaffolder.localGitDirectory); choose another publishing target',
    );
  });
});
