import { execFile } from 'node:child_process';

export interface RunGitOptions {
  /** Working directory of the command. */
  cwd?: string;
  /** `-c key=value` settings for this command only. */
  config?: Record<string, string>;
  /** `--git-dir` / `--work-tree`, for a repository kept apart from the files it commits. */
  gitDir?: string;
  workTree?: string;
}

/**
 * Runs the `git` CLI with an argument array (no shell, so nothing in a name or message is
 * interpreted) and returns its standard output. Fails with git's own error text: git reports
 * progress on stderr, so stderr is only shown when the command fails.
 */
export function runGit(
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  const globalArgs = [
    ...Object.entries(options.config ?? {}).flatMap(([k, v]) => [
      '-c',
      `${k}=${v}`,
    ]),
    ...(options.gitDir ? [`--git-dir=${options.gitDir}`] : []),
    ...(options.workTree ? [`--work-tree=${options.workTree}`] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...globalArgs, ...args],
      {
        cwd: options.cwd,
        maxBuffer: 16 * 1024 * 1024,
        // Never wait for credentials on a terminal nobody watches.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr || error.message).trim();
          reject(new Error(`git ${args[0]} failed: ${detail}`));
        } else {
          resolve(String(stdout).trim());
        }
      },
    );
  });
}
