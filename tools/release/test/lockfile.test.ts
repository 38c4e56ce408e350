import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm ci` refuses a lock that lacks an optional platform build (see src/patch-lock.mjs).
// A lock regenerated here without `npm run lock` would break every clean install: caught here.
const root = join(__dirname, '../../..');
const patcher = join(__dirname, '../src/patch-lock.mjs');

describe('the lockfiles', () => {
  it.each(['package-lock.json', 'tools/n8n-e2e/n8n-runtime/package-lock.json'])('%s lists every optional platform build and names no registry host', (path) => {
    const run = spawnSync(process.execPath, [patcher, '--check', join(root, path)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(root, path), 'utf8')).not.toMatch(/https?:\/\/registry\./);
  });

  it('the check fails on a lock that lacks one', () => {
    const lock = { packages: { '': {}, 'node_modules/@swc/core': { version: '1.0.0', optionalDependencies: { '@swc/core-darwin-arm64': '1.0.0' } } } };
    const tmp = join(tmpdir(), `lock-${process.pid}.json`);
    writeFileSync(tmp, JSON.stringify(lock));
    const run = spawnSync(process.execPath, [patcher, '--check', tmp], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/@swc\/core-darwin-arm64@1\.0\.0/);
  });
});
