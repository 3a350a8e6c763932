import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AwsCronSchedule } from '../schedule/AwsCronSchedule';
import { examples } from './scheduleResolve.examples';

/** The `dataset` Terraform module's (and the catalog's) upper bound of freshness: one year. */
const MAX_AGE_LIMIT_HOURS = 8784;
/** Default time a run may take before its data counts as late: the Glue job modules' timeout. */
const DEFAULT_RUN_HOURS = 2;

/**
 * `datahub:schedule:resolve`: checks a job's AWS cron schedule and derives the dataset's
 * freshness from it, so `spec.freshness.maxAgeHours` in the catalog and the Glue trigger can
 * never disagree: the longest time between two runs plus the time a run may take.
 */
export function createScheduleResolveAction() {
  return createTemplateAction({
    id: 'datahub:schedule:resolve',
    description:
      "Checks an AWS cron schedule (UTC) and derives the dataset's freshness (maxAgeHours) from its longest gap between runs.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        schedule: z =>
          z
            .string()
            .describe(
              'AWS cron expression in UTC, e.g. cron(0 2 * * ? *) for daily at 02:00',
            ),
        runHours: z =>
          z
            .number()
            .positive()
            .optional()
            .describe(
              `Hours a run may take before its data counts as late (default ${DEFAULT_RUN_HOURS})`,
            ),
      },
      output: {
        expression: z =>
          z
            .string()
            .describe('The schedule as cron(…), as Glue triggers take it'),
        longestGapHours: z =>
          z.number().describe('Longest time between two runs'),
        maxAgeHours: z =>
          z.number().describe('Freshness: data older than this is late'),
      },
    },
    async handler(ctx) {
      let schedule: AwsCronSchedule;
      let longestGapHours: number;
      try {
        schedule = AwsCronSchedule.parse(ctx.input.schedule);
        longestGapHours = schedule.longestGapHours();
      } catch (e) {
        throw new InputError(
          `The schedule is not valid: ${(e as Error).message}`,
        );
      }
      const maxAgeHours = Math.min(
        MAX_AGE_LIMIT_HOURS,
        Math.ceil(longestGapHours + (ctx.input.runHours ?? DEFAULT_RUN_HOURS)),
      );
      ctx.logger.info(
        `${schedule.expression}: at most ${longestGapHours} h between runs, data is late after ${maxAgeHours} h`,
      );
      ctx.output('expression', schedule.expression);
      ctx.output('longestGapHours', longestGapHours);
      ctx.output('maxAgeHours', maxAgeHours);
    },
  });
}
