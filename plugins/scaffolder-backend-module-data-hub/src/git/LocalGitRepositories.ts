import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { runGit } from './runGit';

/** Repository names: a folder name that is safe everywhere, e.g. us-dealer-orders-source. */
const REPOSITORY_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Where one repository lives. */
export interface LocalRepositoryLayout {
  /** The bare repository people clone and push to: `<root>/<name>.git`. */
  bareDirectory: string;
  /**
   * A working copy of the default branch that the portal's catalog reads `catalog-info.yaml`
   * from (`<root>/.checkouts/<name>`); a hook of the bare repository keeps it current.
   */
  checkoutDirectory: string;
  remoteUrl: string;
  repoContentsUrl: string;
}

export interface PublishOptions {
  name: string;
  /** Folder whose files become the first commit. */
  sourceDirectory: string;
  /** A scratch folder for the git database of that commit (the source folder stays untouched). */
  scratchDirectory: string;
  defaultBranch: string;
  commitMessage: string;
  author: { name: string; email: string };
  description?: string;
}

/**
 * The embedded default's Git host: bare repositories in one folder of the machine
 * (`dataHub.scaffolder.localGitDirectory`), so a template runs end to end without GitHub or
 * GitLab. Each repository has a checkout beside it that the catalog reads as a `file`
 * location, kept current by a `post-receive` hook when people push to the default branch.
 */
export class LocalGitRepositories {
  constructor(readonly rootDirectory: string) {}

  layout(name: string): LocalRepositoryLayout {
    if (!REPOSITORY_NAME.test(name) || name.endsWith('.git')) {
      throw new InputError(
        `"${name}" is not a repository name: use lower-case letters, digits, '.', '_' and '-' (at most 100), not ending in .git`,
      );
    }
    const bareDirectory = resolveSafeChildPath(
      this.rootDirectory,
      `${name}.git`,
    );
    const checkoutDirectory = resolveSafeChildPath(
      this.rootDirectory,
      path.join('.checkouts', name),
    );
    return {
      bareDirectory,
      checkoutDirectory,
      remoteUrl: pathToFileURL(bareDirectory).href,
      repoContentsUrl: pathToFileURL(checkoutDirectory).href,
    };
  }

  /** The `file:` URL of a file of a repository's checkout, e.g. its `/catalog-info.yaml`. */
  fileUrl(name: string, filePath: string): string {
    const { checkoutDirectory } = this.layout(name);
    return pathToFileURL(
      resolveSafeChildPath(checkoutDirectory, filePath.replace(/^\/+/, '')),
    ).href;
  }

  /** True when the path is inside a checkout of this folder (what the catalog may be pointed at). */
  isCheckoutFile(file: string): boolean {
    return isChildPath(
      path.join(this.rootDirectory, '.checkouts'),
      path.resolve(file),
    );
  }

  /** Fails when a repository of that name already has commits (a publish never overwrites). */
  async assertFree(name: string): Promise<void> {
    const { bareDirectory } = this.layout(name);
    const exists = await fs.stat(bareDirectory).then(
      () => true,
      () => false,
    );
    if (
      exists &&
      (await runGit(['for-each-ref', '--count=1'], {
        gitDir: bareDirectory,
      })) !== ''
    ) {
      throw new InputError(
        `A repository named "${name}" already exists in ${this.rootDirectory}; choose another name or remove ${bareDirectory}`,
      );
    }
  }

  /**
   * Creates the bare repository (or uses an empty one), commits the source folder to its
   * default branch, checks it out for the catalog and installs the hook. Returns the commit.
   */
  async publish(options: PublishOptions): Promise<string> {
    const { name, defaultBranch } = options;
    const layout = this.layout(name);
    await this.assertFree(name);
    await runGit(['check-ref-format', '--branch', defaultBranch]).catch(() => {
      throw new InputError(`"${defaultBranch}" is not a valid branch name`);
    });

    await fs.mkdir(this.rootDirectory, { recursive: true });
    await runGit([
      'init',
      '--quiet',
      '--bare',
      `--initial-branch=${defaultBranch}`,
      layout.bareDirectory,
    ]);
    if (options.description) {
      // Shown by gitweb and `git instaweb`; a single line.
      await fs.writeFile(
        path.join(layout.bareDirectory, 'description'),
        `${options.description.replace(/\s+/g, ' ').trim()}\n`,
      );
    }

    // The commit is made with a git database in the scratch folder, so the source folder (the
    // task's workspace) gets no .git of its own; its .gitignore files still apply.
    const repo = {
      gitDir: path.join(options.scratchDirectory, 'publish.git'),
      workTree: options.sourceDirectory,
    };
    const identity = {
      'user.name': options.author.name,
      'user.email': options.author.email,
      'commit.gpgsign': 'false',
    };
    await runGit(
      ['init', '--quiet', `--initial-branch=${defaultBranch}`],
      repo,
    );
    await runGit(['add', '--all'], repo);
    await runGit(
      [
        'commit',
        '--quiet',
        '--no-verify',
        '--allow-empty',
        '-m',
        options.commitMessage,
      ],
      {
        ...repo,
        config: identity,
      },
    );
    const commit = await runGit(['rev-parse', 'HEAD'], repo);
    await runGit(
      [
        'push',
        '--quiet',
        layout.bareDirectory,
        `HEAD:refs/heads/${defaultBranch}`,
      ],
      repo,
    );

    // A leftover checkout of an earlier, failed publish of the same (then empty) repository.
    await fs.rm(layout.checkoutDirectory, { recursive: true, force: true });
    await fs.mkdir(path.dirname(layout.checkoutDirectory), { recursive: true });
    await runGit([
      'clone',
      '--quiet',
      '--branch',
      defaultBranch,
      layout.bareDirectory,
      layout.checkoutDirectory,
    ]);
    await this.installCheckoutHook(layout, defaultBranch);
    return commit;
  }

  /**
   * After every push, the checkout follows the default branch, so the catalog reads what
   * people pushed (the catalog re-reads file locations on its own schedule). The checkout is
   * the portal's: it is reset, never merged.
   */
  private async installCheckoutHook(
    layout: LocalRepositoryLayout,
    branch: string,
  ) {
    const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
    const hook = [
      '#!/bin/sh',
      '# Installed by the portal (datahub:publish:local): keeps the checkout the catalog reads',
      '# in step with the default branch.',
      'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_QUARANTINE_PATH',
      `checkout=${quote(layout.checkoutDirectory)}`,
      `branch=${quote(branch)}`,
      'while read -r old new ref; do',
      '  if [ "$ref" = "refs/heads/$branch" ]; then',
      '    git -C "$checkout" fetch --quiet origin "$branch" &&',
      '      git -C "$checkout" reset --quiet --hard FETCH_HEAD ||',
      '      echo "portal checkout $checkout was not updated" >&2',
      '  fi',
      'done',
      '',
    ].join('\n');
    await fs.writeFile(
      path.join(layout.bareDirectory, 'hooks', 'post-receive'),
      hook,
      { mode: 0o755 },
    );
  }
}
