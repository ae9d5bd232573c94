import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const GRACE_MS = 1500;

let dir: string | undefined;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(port: number): Promise<ChildProcess> {
  dir = mkdtempSync(path.join(tmpdir(), 'isnad-shutdown-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: path.join(dir, 'isnad.db'), SEED_ON_EMPTY: 'false', PASSWORD_HASH_COST: '10', SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Isnad is serving')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return server;
}

/** A request that never finishes: its headers are never completed. */
async function requestInFlight(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
  socket.on('error', () => undefined);
  return socket;
}

describe('SIGTERM', () => {
  it('stops taking connections, cuts a request still open after the grace period, and exits cleanly', async () => {
    const port = await freePort();
    child = await startServer(port);
    const hanging = await requestInFlight(port);
    const closed = once(hanging, 'close');
    const started = Date.now();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    const elapsed = Date.now() - started;
    expect(code).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(elapsed).toBeLessThan(GRACE_MS + 2500);
    await closed;
    const refused = net.connect(port, '127.0.0.1');
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  }, 30_000);

  it('exits at once when nothing is in flight', async () => {
    child = await startServer(await freePort());
    const started = Date.now();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(GRACE_MS);
  }, 30_000);
});
