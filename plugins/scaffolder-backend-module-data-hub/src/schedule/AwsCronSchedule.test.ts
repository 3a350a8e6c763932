import { AwsCronSchedule } from './AwsCronSchedule';

const from = new Date('2026-03-02T00:00:00Z'); // a Monday

describe('AwsCronSchedule', () => {
  it('normalises the expression to the cron(…) form Glue takes', () => {
    expect(AwsCronSchedule.parse('0 2 * * ? *').expression).toBe(
      'cron(0 2 * * ? *)',
    );
    expect(AwsCronSchedule.parse(' cron(0  2 * * ? *) ').expression).toBe(
      'cron(0 2 * * ? *)',
    );
  });

  it.each([
    ['daily at 02:00', 'cron(0 2 * * ? *)', 24],
    ['every 15 minutes', 'cron(0/15 * * * ? *)', 0.25],
    [
      'hourly on weekdays: the weekend is the longest gap',
      'cron(30 * ? * MON-FRI *)',
      49,
    ],
    ['at 06:00 and 18:00', 'cron(0 6,18 * * ? *)', 12],
    [
      'on the 1st of each month: 31-day months are the longest gap',
      'cron(0 3 1 * ? *)',
      31 * 24,
    ],
    ['Sundays (1) and Wednesdays (4) by number', 'cron(0 0 ? * 1,4 *)', 4 * 24],
  ])('computes the longest gap: %s', (_what, expression, hours) => {
    expect(AwsCronSchedule.parse(expression).longestGapHours(from)).toBe(hours);
  });

  it('computes runs in UTC, weekday names and numbers alike', () => {
    const runs = AwsCronSchedule.parse('cron(15 10 ? * TUE *)')
      .runs(from)
      .slice(0, 2);
    expect(runs.map(r => r.toISOString())).toEqual([
      '2026-03-03T10:15:00.000Z',
      '2026-03-10T10:15:00.000Z',
    ]);
  });

  it.each([
    ['0 2 * * *', 'it needs six fields'],
    [
      'cron(0 2 * * * *)',
      'exactly one of day-of-month and day-of-week must be "?"',
    ],
    [
      'cron(0 2 ? * ? *)',
      'exactly one of day-of-month and day-of-week must be "?"',
    ],
    ['cron(0 25 * * ? *)', 'hours "25" has 25, outside 0-23'],
    ['cron(0 2 L * ? *)', 'day-of-month "L" uses L, W or #'],
    ['cron(0 2 ? * 6#3 *)', 'day-of-week "6#3" uses L, W or #'],
    [
      'cron(0 2 * FOO ? *)',
      'month "FOO" has "FOO", which is not a number or a name',
    ],
    [
      'cron(0 10-2 * * ? *)',
      'hours "10-2" has the range 10-2, which ends before it starts',
    ],
    [
      'cron(*/0 * * * ? *)',
      'minutes "*/0" has step "0", which is not a positive number',
    ],
  ])('rejects %s', (expression, message) => {
    expect(() => AwsCronSchedule.parse(expression)).toThrow(message);
  });

  it('rejects a schedule that does not repeat', () => {
    expect(() =>
      AwsCronSchedule.parse('cron(0 2 1 1 ? 2026)').longestGapHours(from),
    ).toThrow(
      "cron(0 2 1 1 ? 2026) runs never in the next two years; a dataset's schedule must repeat",
    );
  });
});
