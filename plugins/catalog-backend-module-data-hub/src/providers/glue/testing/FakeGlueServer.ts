import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database, Table } from '@aws-sdk/client-glue';

/**
 * A test double of the Glue JSON API (GetDatabases, GetTables) on 127.0.0.1, so tests and
 * benchmarks drive the real AWS SDK client through real HTTP, including its pagination and
 * retry middleware. Serves pages of at most 100 items, like Glue.
 */
export class FakeGlueServer {
  databases: Database[] = [];
  tables = new Map<string, Table[]>();
  /** Answer the next N requests with ThrottlingException. */
  throttleNext = 0;
  /** Answer every request with this error (e.g. AccessDeniedException). */
  failWith?: { type: string; status: number };
  readonly requests: string[] = [];
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop() {
    // the SDK keeps connections alive; close them so the server (and Jest) can exit
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(
        'AWSGlue.',
        '',
      );
      this.requests.push(operation);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (this.failWith) {
        send(this.failWith.status, {
          __type: this.failWith.type,
          message: `${this.failWith.type} (test)`,
        });
        return;
      }
      if (this.throttleNext > 0) {
        this.throttleNext--;
        send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
        return;
      }
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const page = <T>(items: T[]) => {
        const start = Number(input.NextToken ?? 0);
        const size = Math.min(Number(input.MaxResults ?? 100), 100);
        const next =
          start + size < items.length ? String(start + size) : undefined;
        return { items: items.slice(start, start + size), next };
      };
      if (operation === 'GetDatabases') {
        const { items, next } = page(this.databases);
        send(200, { DatabaseList: items.map(toWire), NextToken: next });
      } else if (operation === 'GetTables') {
        const all = this.tables.get(input.DatabaseName);
        if (!all) {
          send(400, {
            __type: 'EntityNotFoundException',
            message: `Database ${input.DatabaseName} not found`,
          });
          return;
        }
        const { items, next } = page(all);
        const nameOnly = Array.isArray(input.AttributesToGet);
        send(200, {
          TableList: items.map(t => (nameOnly ? { Name: t.Name } : toWire(t))),
          NextToken: next,
        });
      } else {
        send(400, {
          __type: 'InvalidInputException',
          message: `${operation} is not served`,
        });
      }
    });
  }
}

/** Glue's JSON protocol sends timestamps as epoch seconds. */
function toWire(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function replacer(key, v) {
      const raw = (this as Record<string, unknown>)[key];
      return raw instanceof Date ? raw.getTime() / 1000 : v;
    }),
  );
}
