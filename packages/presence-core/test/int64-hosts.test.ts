/**
 * Ids above 2^53 stay exact on every Node the supported n8n versions run on: n8n 1.x on Node 20
 * and 22, n8n 2.x on Node 24. Node 20's JSON.parse gives revivers no source text, so this runs
 * the built core under each, the older ones from the `node` npm package (npm exec caches it).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const probe = join(__dirname, 'hosts', 'int64-probe.cjs');
/** Exact releases, so a run is repeatable; the newest of each line when written. */
const olderHosts = ['20.20.2', '22.23.3'];

function runOn(version: string | undefined): { node: string; ids: string[]; teamName: string } {
  const out =
    version === undefined
      ? execFileSync(process.execPath, [probe], { encoding: 'utf8' })
      : execFileSync('npm', ['exec', '--yes', `--package=node@${version}`, '--', 'node', probe], { encoding: 'utf8', timeout: 240_000 });
  return JSON.parse(out) as { node: string; ids: string[]; teamName: string };
}

describe('Cirrus ids above 2^53 on each host Node', () => {
  const hosts: Array<[string, string | undefined]> = [...olderHosts.map((v): [string, string] => [v, v]), ['of these tests', undefined]];
  it.each(hosts)('stay exact on Node %s', (_label, version) => {
    const result = runOn(version);
    expect(result.node).toBe(`v${version ?? process.versions.node}`);
    expect(result.ids).toEqual(['9007199254740993', '1234567890123456789', '42']);
    // digits inside a string are the string's
    expect(result.teamName).toBe('id 9007199254740995 in text');
  }, 300_000);
});
