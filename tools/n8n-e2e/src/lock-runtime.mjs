// Regenerates tools/n8n-e2e/n8n-runtime/package-lock.json (run by hand after changing the
// runtime's package.json: `npx node tools/n8n-e2e/src/lock-runtime.mjs`), or that of another
// runtime folder given as argument (the compatibility matrix's, tools/n8n-e2e/compat/runtimes/*,
// and its registry), then makes it usable by `npm ci` here:
// platform builds the registry here does not serve become skipped optionals, and download
// addresses are dropped (tools/release/src/patch-lock.mjs, shared with the root lockfile).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { patchLock } from '../../release/src/patch-lock.mjs';
import { runtimeDir } from './paths.mjs';
import { log, run } from './proc.mjs';
import { cleanNpmEnv } from './runtime.mjs';

const dirArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const dir = dirArg ? resolve(dirArg) : runtimeDir;
const lockPath = join(dir, 'package-lock.json');

if (!process.argv.includes('--patch-only')) {
  log(`npm install --package-lock-only in ${dir}…`);
  await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env: cleanNpmEnv(), log: 'runtime-lock.log' });
}

const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const { added, leftAlone, dropped } = patchLock(lock);
for (const name of leftAlone) console.warn(`optional ${name} is not in the lock and is no platform build: left alone`);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
log(`lock written: ${added.length} platform build(s) the registry does not serve added as skipped optionals, ${dropped} download address(es) dropped`);
