import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { getFromDataHub } from '../dataHubBackend';
import type { ObservedDependencies } from '@cloud-data-hub/data-hub-common';

/**
 * Where the processor learns a Dataset's observed upstream.
 *
 * @public
 */
export interface ObservedUpstreamSource {
  /** Entity refs of the Datasets jobs read to write `entityRef`, sorted; empty when none are known. */
  upstreamOf(entityRef: string): Promise<string[]>;
}

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Reads the observed dataset dependencies (`GET /api/data-hub/lineage/dependencies`) with the
 * catalog's service token. Processing asks for every Dataset, so the whole list is cached for
 * `cacheMillis` and concurrent callers share one request. When the data-hub backend does not
 * answer (not started yet, not deployed) the last known edges stay in use, none at first, and
 * one warning is logged per streak of failures; a failed read is retried after
 * `retryMillis`.
 *
 * @public
 */
export class ObservedLineageReader implements ObservedUpstreamSource {
  private upstream = new Map<string, string[]>();
  private edgeCount = 0;
  private nextReadAt = 0;
  private reading?: Promise<void>;
  private failing = false;
  /** Whether a read has succeeded once. */
  private known = false;
  private readonly cacheMillis: number;
  private readonly retryMillis: number;
  private readonly timeoutMillis: number;

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      cacheMillis?: number;
      retryMillis?: number;
      timeoutMillis?: number;
      fetch?: typeof fetch;
      now?: () => number;
    },
  ) {
    this.cacheMillis = deps.cacheMillis ?? 30_000;
    this.retryMillis = Math.min(deps.retryMillis ?? 5_000, this.cacheMillis);
    this.timeoutMillis = deps.timeoutMillis ?? 10_000;
  }

  async upstreamOf(entityRef: string): Promise<string[]> {
    const refresh = this.refreshIfDue();
    // Once edges are known, a refresh runs beside processing rather than holding it up
    // (a backend that does not answer would stall every Dataset for the request timeout).
    if (!this.known) await refresh;
    return this.upstream.get(key(entityRef)) ?? [];
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private refreshIfDue(): Promise<void> {
    if (this.reading) return this.reading;
    if (this.now() < this.nextReadAt) return Promise.resolve();
    this.reading = this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    try {
      const items = await this.fetchDependencies();
      const upstream = new Map<string, Set<string>>();
      for (const { upstream: up, downstream: down } of items) {
        if (key(up) === key(down)) continue;
        upstream.set(key(down), (upstream.get(key(down)) ?? new Set()).add(up));
      }
      this.upstream = new Map(
        [...upstream].map(([down, ups]) => [down, [...ups].sort()]),
      );
      this.edgeCount = items.length;
      this.known = true;
      if (this.failing) {
        this.deps.logger.info(
          `Observed lineage is read from the data-hub backend again (${items.length} dependencies)`,
        );
      }
      this.failing = false;
      this.nextReadAt = this.now() + this.cacheMillis;
    } catch (error) {
      if (!this.failing) {
        this.deps.logger.warn(
          `Could not read observed lineage from the data-hub backend; keeping the last known ${this.edgeCount} dependencies until it answers: ${error}`,
        );
      }
      this.failing = true;
      this.nextReadAt = this.now() + this.retryMillis;
    }
  }

  private async fetchDependencies(): Promise<ObservedDependencies['items']> {
    const body = (await getFromDataHub(this.deps, '/lineage/dependencies', {
      timeoutMillis: this.timeoutMillis,
    })) as ObservedDependencies;
    if (
      !Array.isArray(body?.items) ||
      !body.items.every(
        i =>
          typeof i?.upstream === 'string' && typeof i?.downstream === 'string',
      )
    ) {
      throw new Error(
        'data-hub /lineage/dependencies answered without a list of dependencies',
      );
    }
    return body.items;
  }
}
