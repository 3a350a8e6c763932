import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';

/** Whether `moto_server` (the AWS emulator of the machine image) is installed. */
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

/** Runs `moto_server` on a free port of 127.0.0.1 for one test file. */
export class MotoServer {
  private process?: ChildProcess;
  endpoint = '';

  async start(): Promise<string> {
    const port = await freePort();
    this.process = spawn(
      'moto_server',
      ['-H', '127.0.0.1', '-p', String(port)],
      { stdio: 'ignore' },
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
      if (Date.now() > deadline) throw new Error('moto_server did not start');
      await new Promise(r => setTimeout(r, 200));
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
