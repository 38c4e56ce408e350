// Makes a package-lock.json written here usable by `npm ci` anywhere. The registry reachable
// from this workplace does not serve every platform build of packages with native binaries
// (@swc/core-darwin-arm64, @nx/nx-win32-x64-msvc, …), so a lock made here lacks them and `npm ci`
// calls it out of sync. Each missing platform build gets an entry with its os, cpu and libc, so
// `npm ci` sees it and skips it as it skips every build for another platform. Download addresses
// (`resolved` URLs) are dropped, so the lock names no registry host.
//   npx node tools/release/src/patch-lock.mjs [--check] [path/to/package-lock.json]
// --check writes nothing and exits 1 when the lock would change.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const platform =
  /-(darwin|linux|win32|freebsd|android|openbsd|openharmony|sunos|aix)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64)(?:-(gnu|musl|msvc|gnueabihf|musleabihf|eabi))?$/;

export function patchLock(lock) {
  const pkgs = lock.packages;
  const resolves = (from, name) => {
    for (let dir = from; ; ) {
      if (pkgs[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
      if (!dir) return false;
      const i = dir.lastIndexOf('/node_modules/');
      dir = i === -1 ? '' : dir.slice(0, i);
    }
  };
  const added = [];
  const leftAlone = [];
  for (const [path, entry] of Object.entries(pkgs)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      if (resolves(path, name)) continue;
      const m = platform.exec(name);
      if (!m || !/^\d+\.\d+\.\d+/.test(spec)) {
        leftAlone.push(`${name}@${spec}`);
        continue;
      }
      const [, os, cpu, abi] = m;
      const libc = abi === 'musl' || abi === 'musleabihf' ? ['musl'] : abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : undefined;
      pkgs[`node_modules/${name}`] = { version: spec, cpu: [cpu], license: 'UNKNOWN', optional: true, os: [os], ...(libc ? { libc } : {}) };
      added.push(`${name}@${spec}`);
    }
  }
  let dropped = 0;
  for (const entry of Object.values(pkgs)) {
    if (typeof entry.resolved === 'string' && /^[a-z]+:\/\//i.test(entry.resolved)) {
      delete entry.resolved;
      dropped += 1;
    }
  }
  lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
  return { added, leftAlone, dropped };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const check = process.argv.includes('--check');
  const path = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'package-lock.json');
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const { added, leftAlone, dropped } = patchLock(lock);
  if (check) {
    if (added.length > 0 || dropped > 0) {
      console.error(`${path} is not usable by npm ci as is: run npm run lock (${[...added, ...(dropped ? [`${dropped} download addresses`] : [])].join(', ')})`);
      process.exit(1);
    }
    process.exit(0);
  }
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`${path}: ${added.length} platform build(s) added as skipped optionals, ${dropped} download address(es) dropped`);
  for (const name of leftAlone) console.warn(`  not a platform build, left alone: ${name}`);
}
