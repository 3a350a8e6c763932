import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Whether `moto_server` (the AWS emulator of the build machines' image) is installed. */
export function hasMotoServer(): boolean {
  try {
    execFileSync('moto_server', ['--help'], {
      stdio: 'ignore',
      timeout: 20_000,
    });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Puts `moto-lakeformation-patch/sitecustomize.py` on moto_server's PYTHONPATH: it makes
 * ListPermissions on a table also return the table's column permissions, as AWS documents.
 */
export const LAKE_FORMATION_PATCH = resolvePackagePath(
  '@cloud-data-hub/data-hub-backend-module-aws',
  'src/lakeformation/testing/moto-lakeformation-patch',
);

/**
 * Runs `moto_server` on a free port of 127.0.0.1 for one test file. Same as the catalog
 * module's helper, plus `pythonPath` for the Lake Formation patch.
 */
export class MotoServer {
  private process?: ChildProcess;
  endpoint = '';

  constructor(private readonly options: { pythonPath?: string[] } = {}) {}

  async start(): Promise<string> {
    const port = await freePort();
    const pythonPath = [
      ...(this.options.pythonPath ?? []),
      ...(process.env.PYTHONPATH ? [process.env.PYTHONPATH] : []),
    ].join(path.delimiter);
    this.process = spawn(
      'moto_server',
      ['-H', '127.0.0.1', '-p', String(port)],
      {
        stdio: 'ignore',
        env: {
          ...process.env,
          ...(pythonPath ? { PYTHONPATH: pythonPath } : {}),
        },
      },
    );
    this.endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${this.endpoint}/moto-api/`)).ok)
          return this.endpoint;
      } catch {
        // not listening yet
      }
      if (this.process.exitCode !== null) {
        throw new Error(
          `moto_server exited with code ${this.process.exitCode}`,
        );
      }
      if (Date.now() > deadline) throw new Error('moto_server did not start');
      await new Promise(r => setTimeout(r, 200));
    }
  }

  /** Forgets every resource and permission, so each test starts from an empty account. */
  async reset(): Promise<void> {
    const response = await fetch(`${this.endpoint}/moto-api/reset`, {
      method: 'POST',
    });
    if (!response.ok) {
      throw new Error(`moto_server reset failed: ${response.status}`);
    }
  }

  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.kill();
    });
  }
}
