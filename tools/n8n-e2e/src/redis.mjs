// A real Redis for n8n's queue, started and stopped by its process id: Debian's redis-server,
// installed with apt-get when missing (CI starts from a clean machine; redis-memory-server,
// which builds Redis from a download, cannot work here). No persistence: a run starts empty.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runtimeModules } from './paths.mjs';
import { freePort, log, startProcess, waitFor } from './proc.mjs';

const redisServer = '/usr/bin/redis-server';
/** n8n's own Redis client. */
const requireFromN8n = createRequire(join(runtimeModules, 'n8n', 'package.json'));

export function ensureRedisServer() {
  if (existsSync(redisServer)) return;
  log(`${redisServer} is missing: apt-get install redis-server (Debian's package)…`);
  const root = process.getuid?.() === 0;
  const cmd = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server';
  const res = spawnSync(root ? 'sh' : 'sudo', root ? ['-c', cmd] : ['sh', '-c', cmd], { stdio: 'inherit' });
  if (res.status !== 0 || !existsSync(redisServer)) throw new Error('Could not install redis-server with apt-get; install it (apt-get install redis-server) and run again.');
}

/** Starts Redis on a free port of 127.0.0.1. Returns { port, pid, flush(), stop() }. */
export async function startRedis({ name = 'redis' } = {}) {
  ensureRedisServer();
  const port = await freePort();
  const server = startProcess(redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { log: `${name}.log`, env: process.env });
  const Redis = requireFromN8n('ioredis');
  const command = async (...args) => {
    const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      return await r.call(...args);
    } finally {
      r.disconnect();
    }
  };
  await waitFor(async () => (await command('PING')) === 'PONG', { timeoutMs: 30_000, intervalMs: 200, what: 'Redis to answer PING' });
  log(`Redis on 127.0.0.1:${port} (pid ${server.child.pid})`);
  return {
    port,
    pid: server.child.pid,
    flush: () => command('FLUSHALL'),
    stop: () => server.stop('SIGTERM'),
  };
}
