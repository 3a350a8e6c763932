import type { DatasetUsage } from '@cloud-data-hub/data-hub-common';
import type { QueryStore } from '../query/QueryStore';

/** Rows read per aggregation: a bound on memory and time for very busy datasets. */
const MAX_ROWS = 100_000;

const dayOf = (value: unknown) =>
  (value instanceof Date ? value : new Date(value as string | number))
    .toISOString()
    .slice(0, 10);

const top = (counts: Map<string, number>, n: number) =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n);

/**
 * Usage statistics from the query runs, which the query store reads; the aggregation runs
 * here over a bounded window.
 */
export class UsageStats {
  constructor(private readonly runs: QueryStore) {}

  /**
   * `named`: the use cases whose users and names the caller may see (see
   * AccessWorkflow.useCasesNamedFor). Queries under other use cases count in the figures but
   * name nobody: who queries a dataset, for which project, is the business of those who may
   * read the grants.
   */
  async forDataset(
    entityRef: string,
    days: number,
    named: 'all' | ReadonlySet<string>,
    now = new Date(),
  ): Promise<DatasetUsage> {
    const since = new Date(now.getTime() - days * 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    const rows = await this.runs.runsReading(entityRef, since, MAX_ROWS);

    const perDay = new Map<string, { queries: number; users: Set<string> }>();
    for (let t = since.getTime(); t <= now.getTime(); t += 86_400_000) {
      perDay.set(dayOf(t), { queries: 0, users: new Set() });
    }
    const users = new Map<string, number>();
    const useCases = new Map<string, number>();
    const distinctUsers = new Set<string>();
    let succeeded = 0;
    let unnamed = 0;
    for (const r of rows) {
      const day = perDay.get(dayOf(r.createdAt));
      if (day) {
        day.queries++;
        day.users.add(r.userRef);
      }
      if (r.state === 'succeeded') succeeded++;
      distinctUsers.add(r.userRef);
      if (named !== 'all' && !named.has(r.useCaseRef)) {
        unnamed++;
        continue;
      }
      users.set(r.userRef, (users.get(r.userRef) ?? 0) + 1);
      useCases.set(r.useCaseRef, (useCases.get(r.useCaseRef) ?? 0) + 1);
    }
    return {
      entityRef,
      days,
      since: since.toISOString(),
      totalQueries: rows.length,
      succeededQueries: succeeded,
      distinctUsers: distinctUsers.size,
      perDay: [...perDay.entries()].map(([date, d]) => ({
        date,
        queries: d.queries,
        users: d.users.size,
      })),
      topUsers: top(users, 10).map(([userRef, queries]) => ({
        userRef,
        queries,
      })),
      topUseCases: top(useCases, 10).map(([useCaseRef, queries]) => ({
        useCaseRef,
        queries,
      })),
      unnamedQueries: unnamed,
    };
  }

  /** Queries per dataset over the window, most queried first. */
  async mostUsed(
    days: number,
    limit: number,
    now = new Date(),
  ): Promise<Array<{ entityRef: string; queries: number; users: number }>> {
    const since = new Date(now.getTime() - days * 86_400_000);
    const rows = await this.runs.datasetsReadSince(since, MAX_ROWS);
    const counts = new Map<string, { queries: number; users: Set<string> }>();
    for (const r of rows) {
      for (const ref of new Set(r.datasets)) {
        const c = counts.get(ref) ?? { queries: 0, users: new Set<string>() };
        c.queries++;
        c.users.add(r.userRef);
        counts.set(ref, c);
      }
    }
    return [...counts.entries()]
      .sort((a, b) => b[1].queries - a[1].queries || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([entityRef, c]) => ({
        entityRef,
        queries: c.queries,
        users: c.users.size,
      }));
  }
}
