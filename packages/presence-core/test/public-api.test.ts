import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs in a separate Node process against the built dist, as a consumer would require it.
const pkgRoot = join(__dirname, '..');
// Nx forces colour on; console.log of a boolean would then carry escape codes.
const run = (script: string) => execFileSync(process.execPath, ['-e', script], { cwd: pkgRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

describe('the built package', () => {
  it('exposes the public API from require()', () => {
    const script = `
      const core = require('@agent-presence/presence-core');
      const undici = require('@agent-presence/presence-core/undici');
      const names = ['normalizePresence', 'detectChanges', 'parseVendorError', 'createCirrusClient', 'createVonageClient', 'createTalkdeskClient',
        'CirrusEnvelopeSchema', 'CirrusPresenceRecordSchema', 'VonagePresenceRecordSchema', 'TalkdeskPresenceRecordSchema', 'AgentPresenceSchema', 'PresenceSnapshotSchema'];
      console.log(JSON.stringify({ missing: names.filter((n) => core[n] === undefined), undici: typeof undici.createUndiciTransport, leaks: typeof core.createUndiciTransport }));
    `;
    const out = JSON.parse(run(script));
    expect(out).toEqual({ missing: [], undici: 'function', leaks: 'undefined' });
  });

  it('the main entry does not load undici', () => {
    const script = `require('@agent-presence/presence-core'); console.log(JSON.stringify(Object.keys(require.cache).some((k) => k.includes('/node_modules/undici/'))));`;
    expect(JSON.parse(run(script))).toBe(false);
  });
});
