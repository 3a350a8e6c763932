import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import { LocalGitRepositories } from '../git/LocalGitRepositories';
import { examples } from './publishLocal.examples';

/** Who commits when neither the step nor `scaffolder.defaultAuthor` says. */
const FALLBACK_AUTHOR = {
  name: 'Scaffolder',
  email: 'scaffolder@backstage.io',
};

/**
 * `datahub:publish:local`: the embedded default's `publish:*` action. It publishes the
 * workspace to a bare Git repository on this machine (`dataHub.scaffolder.localGitDirectory`)
 * instead of GitHub or GitLab, and checks it out for the catalog, so a template runs end to
 * end on a laptop. Outputs mirror `publish:github` (`remoteUrl`, `repoContentsUrl`) plus the
 * `catalogInfoUrl` that `datahub:catalog:register-local` registers.
 *
 * A dry run checks the name and that the repository does not exist yet, and writes nothing.
 */
export function createPublishLocalAction(options: {
  /** Undefined when the portal has no local Git folder (a production portal). */
  repositories?: LocalGitRepositories;
  defaultAuthor?: { name?: string; email?: string };
  defaultCommitMessage?: string;
}) {
  return createTemplateAction({
    id: 'datahub:publish:local',
    description:
      'Publishes the workspace to a bare Git repository on this machine (dataHub.scaffolder.localGitDirectory) and checks it out for the catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Name of the repository, e.g. the dataset name; becomes <name>.git',
            ),
        description: z =>
          z.string().optional().describe('One line describing the repository'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish; defaults to the whole workspace',
            ),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('Branch of the first commit (default main)'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog file in the repository (default /catalog-info.yaml)',
            ),
        gitCommitMessage: z =>
          z.string().optional().describe('Message of the first commit'),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
      },
      output: {
        remoteUrl: z => z.string().describe('file: URL to clone and push to'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              "file: URL of the portal's checkout of the default branch",
            ),
        catalogInfoUrl: z =>
          z.string().describe('file: URL of the catalog file in that checkout'),
        commitHash: z =>
          z.string().describe('The first commit (empty in a dry run)'),
      },
    },
    async handler(ctx) {
      const { repositories } = options;
      if (!repositories) {
        throw new InputError(
          'Publishing to a local Git repository is not configured on this portal (dataHub.scaffolder.localGitDirectory); choose another publishing target',
        );
      }
      const { repoName } = ctx.input;
      const layout = repositories.layout(repoName);
      const catalogInfoUrl = repositories.fileUrl(
        repoName,
        ctx.input.catalogInfoPath ?? '/catalog-info.yaml',
      );
      await repositories.assertFree(repoName);

      let commitHash = '';
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish to ${layout.remoteUrl}`);
      } else {
        commitHash = await repositories.publish({
          name: repoName,
          sourceDirectory: getRepoSourceDirectory(
            ctx.workspacePath,
            ctx.input.sourcePath,
          ),
          scratchDirectory: await ctx.createTemporaryDirectory(),
          defaultBranch: ctx.input.defaultBranch ?? 'main',
          commitMessage:
            ctx.input.gitCommitMessage ??
            options.defaultCommitMessage ??
            'Initial commit',
          author: {
            name:
              ctx.input.gitAuthorName ??
              options.defaultAuthor?.name ??
              FALLBACK_AUTHOR.name,
            email:
              ctx.input.gitAuthorEmail ??
              options.defaultAuthor?.email ??
              FALLBACK_AUTHOR.email,
          },
          description: ctx.input.description,
        });
        ctx.logger.info(
          `Published commit ${commitHash} to ${layout.remoteUrl}`,
        );
      }
      ctx.output('remoteUrl', layout.remoteUrl);
      ctx.output('repoContentsUrl', layout.repoContentsUrl);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('commitHash', commitHash);
    },
  });
}
