import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs in a separate Node process against the built dist, as a consumer would require it.
const pkgRoot = join(__dirname, '..');

describe('the built package', () => {
  it('exposes the public API from require()', () => {
    const script = `
      const core = require('@agent-presence/presence-core');
      const undici = require('@agent-presence/presence-core/undici');
      const names = ['normalizePresence', 'detectChanges', 'parseProviderError', 'createCirrusClient', 'createVonageClient', 'createTalkdeskClient',
        'CirrusEnvelopeSchema', 'CirrusPresenceRecordSchema', 'VonagePresenceRecordSchema', 'TalkdeskPresenceRecordSchema', 'AgentPresenceSchema', 'PresenceSnapshotSchema'];
      console.log(JSON.stringify({ missing: names.filter((n) => core[n] === undefined), undici: typeof undici.createUndiciTransport, leaks: typeof core.createUndiciTransport }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: pkgRoot, encoding: 'utf8' }));
    expect(out).toEqual({ missing: [], undici: 'function', leaks: 'undefined' });
  });

  it('the main entry does not load undici', () => {
    const script = `require('@agent-presence/presence-core'); console.log(Object.keys(require.cache).some((k) => k.includes('/node_modules/undici/')));`;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: pkgRoot, encoding: 'utf8' }).trim()).toBe('false');
  });
});
