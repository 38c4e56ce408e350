// Scratch A/B (not part of the bench): the committed presence-core against the working tree, on the same records.
import { generatePolls } from '../src/cpu';
import * as NEW from '@agent-presence/presence-core';
// eslint-disable-next-line
const OLD = require('/tmp/old-core/packages/presence-core/dist/index.js') as typeof NEW;
async function main() {
  for (const v of ['cirrus', 'vonage', 'talkdesk'] as const) {
    const polls = await generatePolls(v, 100000);
    const res: Record<string, number[]> = {};
    for (const [name, lib] of [['old', OLD], ['new', NEW], ['old', OLD], ['new', NEW]] as const) {
      const norm = (recs: unknown[]) => recs.map((r, i) => lib.normalizePresence(v, r, { agentId: polls.ids[i] }));
      const prev = lib.detectChanges(undefined, norm(polls.before), { observedAt: '2025-01-06T09:00:00.000Z' }).snapshot;
      const times: number[] = [];
      for (let k = 0; k < 6; k++) {
        const t0 = performance.now();
        const cur = norm(polls.after);
        const t1 = performance.now();
        lib.detectChanges(prev, cur, { observedAt: '2025-01-06T09:01:00.000Z', complete: false, baseline: false, roster: polls.ids });
        const t2 = performance.now();
        if (k > 0) times.push(t2 - t0, t1 - t0, t2 - t1);
      }
      const best = (o: number) => Math.min(...times.filter((_, i) => i % 3 === o)).toFixed(0);
      (res[name] ??= []).push(Number(best(0)));
      console.log(v, name, 'normalize+diff', best(0), 'normalize', best(1), 'diff', best(2));
    }
    const b = JSON.stringify(polls.after);
    let p = 1e9; for (let k = 0; k < 6; k++) { const t = performance.now(); JSON.parse(b); p = Math.min(p, performance.now() - t); }
    console.log(v, 'JSON.parse', p.toFixed(1), 'old ratio', (Math.min(...res.old!) / p).toFixed(1), 'new ratio', (Math.min(...res.new!) / p).toFixed(1));
  }
}
main();
