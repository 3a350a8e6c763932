/**
 * AWS cron expressions, as Glue triggers and EventBridge rules take them:
 * `cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)`, in UTC.
 *
 * Supported per field: `*`, single values, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`,
 * month and weekday names (`JAN`, `MON-FRI`), and `?` in exactly one of day-of-month and
 * day-of-week (AWS requires it). `L`, `W` and `#` are AWS-only refinements the templates do
 * not need; they are rejected with a message rather than half-understood.
 *
 * Hand-written because the maintained parser, aws-cron-parser (1.1.12, tried against this
 * file's tests), accepts `*` in both day fields, which AWS rejects, and answers an unknown
 * month name or a reversed range with "this shouldn't happen, but iter > 10".
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: [
      'JAN',
      'FEB',
      'MAR',
      'APR',
      'MAY',
      'JUN',
      'JUL',
      'AUG',
      'SEP',
      'OCT',
      'NOV',
      'DEC',
    ],
  },
  // AWS numbers weekdays 1 (Sunday) to 7 (Saturday).
  {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  },
  { name: 'year', min: 1970, max: 2199 },
];

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far ahead runs are computed: two years catch the gap of even a yearly schedule. */
const HORIZON_DAYS = 2 * 366;

export class AwsCronSchedule {
  private constructor(
    /** The expression in the `cron(…)` form Glue triggers accept. */
    readonly expression: string,
    private readonly minutes: Set<number>,
    private readonly hours: Set<number>,
    private readonly daysOfMonth: Set<number> | undefined,
    private readonly months: Set<number>,
    private readonly daysOfWeek: Set<number> | undefined,
    private readonly years: Set<number>,
  ) {}

  /**
   * Parses `cron(0 2 * * ? *)` or the six fields alone; throws an Error saying what is wrong.
   */
  static parse(text: string): AwsCronSchedule {
    const trimmed = text.trim();
    const inner = /^cron\((.*)\)$/i.exec(trimmed)?.[1] ?? trimmed;
    const parts = inner.trim().split(/\s+/);
    if (parts.length !== 6) {
      throw new Error(
        `"${text}" is not an AWS cron expression: it needs six fields (minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)`,
      );
    }
    const [dom, dow] = [parts[2], parts[4]];
    if ((dom === '?') === (dow === '?')) {
      throw new Error(
        `"${text}": exactly one of day-of-month and day-of-week must be "?" (AWS cannot combine them), e.g. cron(0 2 * * ? *) or cron(0 2 ? * MON-FRI *)`,
      );
    }
    const sets = parts.map((part, i) =>
      part === '?' && (i === 2 || i === 4)
        ? undefined
        : parseField(part, FIELDS[i], text),
    );
    return new AwsCronSchedule(
      `cron(${parts.join(' ')})`,
      sets[0]!,
      sets[1]!,
      sets[2],
      sets[3]!,
      sets[4],
      sets[5]!,
    );
  }

  /** The runs from `from` (inclusive) over the next two years, in order. */
  runs(from: Date): Date[] {
    const start = Date.UTC(
      from.getUTCFullYear(),
      from.getUTCMonth(),
      from.getUTCDate(),
    );
    const hours = [...this.hours].sort((a, b) => a - b);
    const minutes = [...this.minutes].sort((a, b) => a - b);
    const runs: Date[] = [];
    for (let day = 0; day < HORIZON_DAYS; day++) {
      const date = new Date(start + day * DAY_MS);
      if (!this.runsOn(date)) continue;
      for (const hour of hours) {
        for (const minute of minutes) {
          const run = new Date(
            date.getTime() + (hour * 60 + minute) * MINUTE_MS,
          );
          if (run.getTime() >= from.getTime()) runs.push(run);
        }
      }
    }
    return runs;
  }

  /**
   * The longest time between two consecutive runs, in hours, over the next two years; throws
   * when the schedule runs fewer than twice in that time (then it has no rhythm to judge
   * freshness by).
   */
  longestGapHours(from: Date = new Date()): number {
    const runs = this.runs(from);
    if (runs.length < 2) {
      throw new Error(
        `${this.expression} runs ${
          runs.length === 0 ? 'never' : 'only once'
        } in the next two years; a dataset's schedule must repeat`,
      );
    }
    let longest = 0;
    for (let i = 1; i < runs.length; i++) {
      longest = Math.max(longest, runs[i].getTime() - runs[i - 1].getTime());
    }
    return longest / (60 * MINUTE_MS);
  }

  private runsOn(date: Date): boolean {
    if (!this.years.has(date.getUTCFullYear())) return false;
    if (!this.months.has(date.getUTCMonth() + 1)) return false;
    if (this.daysOfMonth && !this.daysOfMonth.has(date.getUTCDate()))
      return false;
    if (this.daysOfWeek && !this.daysOfWeek.has(date.getUTCDay() + 1))
      return false;
    return true;
  }
}

function parseField(part: string, field: FieldSpec, text: string): Set<number> {
  const fail = (why: string): never => {
    throw new Error(`"${text}": ${field.name} "${part}" ${why}`);
  };
  const withoutNames = field.names
    ? part.toUpperCase().replace(new RegExp(field.names.join('|'), 'g'), '')
    : part.toUpperCase();
  if (/[LW#]/.test(withoutNames)) {
    fail(
      'uses L, W or #, which the templates do not support; list the days instead',
    );
  }
  const value = (token: string): number => {
    const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
    if (index >= 0) return field.min + index;
    if (!/^\d+$/.test(token))
      return fail(
        `has "${token}", which is not a number${
          field.names ? ' or a name' : ''
        }`,
      );
    const n = Number(token);
    if (n < field.min || n > field.max)
      fail(`has ${n}, outside ${field.min}-${field.max}`);
    return n;
  };
  const values = new Set<number>();
  for (const item of part.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      fail(`has step "${stepText}", which is not a positive number`);
    let first = field.min;
    let last = field.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.some(b => b === ''))
        fail(`has "${range}", which is not a value or a range`);
      first = value(bounds[0]);
      if (bounds.length === 2) last = value(bounds[1]);
      // `5` alone is one value; `5/10` means from 5 to the end in steps of 10.
      else if (stepText === undefined) last = first;
      if (last < first)
        fail(`has the range ${range}, which ends before it starts`);
    }
    for (let n = first; n <= last; n += step) values.add(n);
  }
  return values;
}
