// Regenerates tools/n8n-e2e/n8n-runtime/package-lock.json (run by hand after changing the
// runtime's package.json: `npx node tools/n8n-e2e/src/lock-runtime.mjs`), then makes it
// usable by `npm ci` here:
// - Platform builds of optional dependencies that the registry reachable here does not
//   serve (e.g. msgpackr-extract for darwin and win32) are missing from a lock made here,
//   and `npm ci` then calls the lock out of sync. They get an entry with their os/cpu, so
//   `npm ci` sees them and skips them as it skips every build for another platform.
// - Download addresses (`resolved`) are dropped: the lock names no registry host.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeDir } from './paths.mjs';
import { log, run } from './proc.mjs';
import { cleanNpmEnv } from './runtime.mjs';

const lockPath = join(runtimeDir, 'package-lock.json');
const platform = /-(darwin|linux|win32|freebsd|android|openbsd|sunos|aix)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64)(-(gnu|musl|msvc|gnueabihf))?$/;

if (!process.argv.includes('--patch-only')) {
  log('npm install --package-lock-only in the n8n runtime…');
  await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: runtimeDir, env: cleanNpmEnv(), log: 'runtime-lock.log' });
}

const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const pkgs = lock.packages;
let added = 0;
let dropped = 0;

/** Where node resolution from `from` would find `name` in the lock, if anywhere. */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (pkgs[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i === -1 ? '' : dir.slice(0, i);
  }
}

for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    const m = platform.exec(name);
    if (!m || !/^\d+\.\d+\.\d+/.test(spec)) {
      console.warn(`optional ${name}@${spec} of ${path || 'root'} is not in the lock and is no platform build: left alone`);
      continue;
    }
    const os = m[1];
    const cpu = m[2];
    pkgs[`node_modules/${name}`] = { version: spec, cpu: [cpu], license: 'UNKNOWN', optional: true, os: [os] };
    added += 1;
  }
}
for (const entry of Object.values(pkgs)) {
  if (typeof entry.resolved === 'string' && /^[a-z]+:\/\//i.test(entry.resolved)) {
    delete entry.resolved;
    dropped += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => a.localeCompare(b, 'en')));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
log(`lock written: ${added} platform build(s) the registry does not serve added as skipped optionals, ${dropped} download address(es) dropped`);
