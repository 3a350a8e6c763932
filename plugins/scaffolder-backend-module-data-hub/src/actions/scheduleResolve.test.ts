import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createScheduleResolveAction } from './scheduleResolve';
import { examples } from './scheduleResolve.examples';

describe('datahub:schedule:resolve', () => {
  const action = createScheduleResolveAction();

  it('runs its example: daily means late after 24 h plus the run time', async () => {
    const ctx = createMockActionContext({
      input: yaml.parse(examples[0].example).steps[0].input,
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('expression', 'cron(0 2 * * ? *)');
    expect(ctx.output).toHaveBeenCalledWith('longestGapHours', 24);
    expect(ctx.output).toHaveBeenCalledWith('maxAgeHours', 26);
  });

  it('accepts the six fields without cron(…) and a custom run time', async () => {
    const ctx = createMockActionContext({
      input: { schedule: '0 */6 * * ? *', runHours: 0.5 },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'expression',
      'cron(0 */6 * * ? *)',
    );
    expect(ctx.output).toHaveBeenCalledWith('maxAgeHours', 7);
  });

  it('rejects a malformed schedule with the reason', async () => {
    const ctx = createMockActionContext({ input: { schedule: '0 2 * * *' } });
    await expect(action.handler(ctx)).rejects.toThrow(
      'The schedule is not valid: "0 2 * * *" is not an AWS cron expression: it needs six fields',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
