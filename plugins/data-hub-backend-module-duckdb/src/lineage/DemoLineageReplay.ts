import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** The data-hub backend's intake takes at most this many events per request. */
const BATCH = 500;

/**
 * Replays the demo lake's lineage through the data-hub backend's own intake
 * (`POST /api/data-hub/lineage`, with this module's service token), exactly as an external job
 * would report it, so the demo exercises validation, resolution and the run state machine.
 * Does nothing when any run is already known: a restart does not add a second history.
 */
export class DemoLineageReplay {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** The events to replay, relative to `now`. */
      events: (now: Date) => object[];
      /** Runs before the events are sent, with the same `now` (to make the lake agree with them). */
      prepare?: (now: Date) => Promise<void>;
    },
  ) {}

  private async token() {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'data-hub',
    });
    return token;
  }

  /** Replays once; true when events were sent, false when runs already existed. */
  async replay(): Promise<boolean> {
    const baseUrl = await this.options.discovery.getBaseUrl('data-hub');
    const headers = {
      Authorization: `Bearer ${await this.token()}`,
      'Content-Type': 'application/json',
    };
    const known = await fetch(`${baseUrl}/lineage/runs?limit=1`, { headers });
    if (!known.ok)
      throw new Error(
        `Listing lineage runs failed: ${known.status} ${await known.text()}`,
      );
    if (((await known.json()) as { items: unknown[] }).items.length)
      return false;
    const now = new Date();
    await this.options.prepare?.(now);
    const events = this.options.events(now);
    for (let i = 0; i < events.length; i += BATCH) {
      const res = await fetch(`${baseUrl}/lineage`, {
        method: 'POST',
        headers,
        body: JSON.stringify(events.slice(i, i + BATCH)),
      });
      if (!res.ok)
        throw new Error(
          `Posting demo lineage failed: ${res.status} ${await res.text()}`,
        );
    }
    this.options.logger.info(`Replayed ${events.length} demo lineage events`);
    return true;
  }

  /** Replays in the background once the backend serves requests, retrying while it starts. */
  start(attempts = 10, delayMs = 3_000): void {
    const attempt = async (n: number): Promise<void> => {
      try {
        await this.replay();
      } catch (e) {
        if (n >= attempts) {
          this.options.logger.warn(`Demo lineage replay gave up: ${e}`);
          return;
        }
        await new Promise(resolve => setTimeout(resolve, delayMs).unref());
        await attempt(n + 1);
      }
    };
    void attempt(1);
  }
}
