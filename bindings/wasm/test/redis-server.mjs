// A real redis-server for the tests (Debian's `redis-server`; test.sh installs it): started on
// 127.0.0.1 on a free port with an append-only file in a fresh directory (so recorded keys
// survive a restart, as the README advises), stopped and restarted by the test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port nothing listens on now (the kernel's pick for port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  #dir = mkdtempSync(join(tmpdir(), 'qianming-redis-'));
  #process = null;
  port = 0;

  /** Starts a server and resolves once it accepts connections. */
  static async start() {
    const server = new RedisServer();
    server.port = await freePort();
    await server.run();
    return server;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts redis-server on the same port and directory; resolves when it is ready. */
  run() {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.#dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'always');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#process = child;
    let log = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk) => {
        log += chunk;
        if (log.includes('Ready to accept connections')) {
          child.stdout.off('data', onData);
          child.stdout.resume();
          resolve();
        }
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.stderr.setEncoding('utf8').on('data', (chunk) => (log += chunk));
      child.once('error', (error) =>
        reject(new Error(`cannot run redis-server (${error.message}): bash bindings/wasm/test.sh installs it`)),
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`)));
    });
  }

  /** Stops the server (SIGTERM: it writes its append-only file) and waits for it to exit. */
  stop() {
    const child = this.#process;
    this.#process = null;
    if (child === null || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** Stops the server and removes its directory. */
  async close() {
    await this.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
