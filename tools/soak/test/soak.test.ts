// The chaos soak's check is live: on a real run (real trigger, real engine, real
// faults) it finds nothing, and when what the trigger emitted is tampered with it
// counts every dropped, repeated and altered change exactly.
import type { IDataObject } from 'n8n-workflow';
import { chaosFaults, runSoak, type SoakConfig } from '../src/run';

jest.setTimeout(180_000);

const base: SoakConfig = {
  vendor: 'cirrus',
  polls: 25,
  agents: 15,
  seed: 3,
  budgetMs: 2000,
  stepMs: 60_000,
  faults: chaosFaults('cirrus', 0.5),
};

const isChange = (i: IDataObject) => i.event === 'changed';

describe('the chaos soak', () => {
  it('finds nothing wrong with the real trigger, and counts what it checked', async () => {
    const r = await runSoak(base);
    expect(r.expected).toBeGreaterThan(20);
    expect(r.faults).toBeGreaterThan(0);
    expect([r.missed, r.duplicated, r.spurious, r.misread]).toEqual([0, 0, 0, 0]);
    expect(r.emitted).toBe(r.expected);
  });

  it('counts a dropped, a repeated and an altered change', async () => {
    const touched = new Set<unknown>();
    let dropped = false;
    let altered = false;
    let kept: IDataObject | undefined;
    let repeated = false;
    const r = await runSoak({
      ...base,
      tamper: (items, poll) => {
        const out = items.map((i) => structuredClone(i));
        const pick = () => out.findIndex((i) => isChange(i) && !touched.has(i.agentId));
        if (poll >= 3 && !dropped && pick() >= 0) {
          // Lost: never emitted.
          const [gone] = out.splice(pick(), 1);
          touched.add(gone!.agentId);
          dropped = true;
        } else if (poll >= 5 && !kept && pick() >= 0) {
          // Kept to be emitted again later.
          kept = structuredClone(out[pick()]!);
          touched.add(kept.agentId);
        } else if (poll >= 9 && kept && !repeated) {
          out.push(kept);
          repeated = true;
        } else if (poll >= 12 && !altered && pick() >= 0) {
          // Emitted with a status that never was.
          const wrong = out[pick()]!;
          touched.add(wrong.agentId);
          (wrong.current as { status: { id: string } }).status.id = 'never-was';
          altered = true;
        }
        return out;
      },
    });
    expect([dropped, repeated, altered]).toEqual([true, true, true]);
    // The dropped change and the real change behind the altered one are missed; the altered one is spurious.
    expect({ missed: r.missed, duplicated: r.duplicated, spurious: r.spurious }).toEqual({ missed: 2, duplicated: 1, spurious: 1 });
  });
});
