import { summarizeStints, type PresenceStint } from '../src';
import { historyWindow, walkHistory, vonageStint } from '../src/vendors/vonage/history';
import { ContractError, InputError } from '../src/errors';

const stint = (agentId: string, state: PresenceStint['state'], start: string, durationMs: number | null): PresenceStint => ({
  vendor: 'vonage',
  agentId,
  state,
  status: { id: null, name: state, category: state },
  start,
  end: durationMs === null ? null : new Date(Date.parse(start) + durationMs).toISOString(),
  durationMs,
});

describe('summarizeStints', () => {
  it('totals per agent and state, clipped to the window, a lasting stint up to its end', () => {
    const stints = [
      stint('a', 'away', '2026-01-01T08:50:00.000Z', 20 * 60_000), // 10 min inside
      stint('a', 'available', '2026-01-01T09:10:00.000Z', 30 * 60_000),
      stint('a', 'away', '2026-01-01T09:40:00.000Z', 5 * 60_000),
      stint('b', 'offline', '2026-01-01T09:30:00.000Z', null), // lasting: 30 min to `to`
    ];
    expect(summarizeStints(stints, { from: '2026-01-01T09:00:00.000Z', to: '2026-01-01T10:00:00.000Z' })).toEqual([
      { agentId: 'a', state: 'available', totalMs: 30 * 60_000, stints: 1 },
      { agentId: 'a', state: 'away', totalMs: 15 * 60_000, stints: 2 },
      { agentId: 'b', state: 'offline', totalMs: 30 * 60_000, stints: 1 },
    ]);
  });

  it('leaves out stints wholly outside the window, and counts lasting ones up to now', () => {
    const stints = [stint('a', 'away', '2026-01-01T07:00:00.000Z', 60_000), stint('a', 'busy', '2026-01-01T09:00:00.000Z', null)];
    const now = () => Date.parse('2026-01-01T09:02:00.000Z');
    expect(summarizeStints(stints, { from: '2026-01-01T08:00:00.000Z', now })).toEqual([{ agentId: 'a', state: 'busy', totalMs: 120_000, stints: 1 }]);
  });
});

describe('Vonage history window and cursor', () => {
  const now = Date.parse('2026-01-31T00:00:00.000Z');
  it('checks the window before any request, naming the field', () => {
    expect(() => historyWindow('yesterday', undefined, now)).toThrow(InputError);
    expect(() => historyWindow('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', now)).toThrow(/to/);
    expect(() => historyWindow('2025-12-01T00:00:00Z', '2026-01-02T00:00:01Z', now)).toThrow(/31 days/);
    // Named as the caller's user knows the fields (an n8n node's labels).
    expect(() => historyWindow('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', now, { from: 'From', to: 'To' })).toThrow(/^To: is not after From/);
    expect(() => historyWindow('2025-12-01T00:00:00Z', '2026-01-02T00:00:01Z', now, { from: 'From', to: 'To' })).toThrow(/^To: is more than 31 days after From/);
    expect(historyWindow('2026-01-30T00:00:00Z', undefined, now)).toEqual({ fromMs: Date.parse('2026-01-30T00:00:00Z'), toMs: now });
  });

  const record = (agentId: string, start: string, duration: number | null, category = 'Away') => ({ agentId, type: 'Presence', category, name: category, start, duration });
  const window = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2026-01-01T01:00:00Z') };

  it('follows upTo and keeps a record a page repeats once, the later copy winning', async () => {
    const pages = [
      { meta: { upTo: '2026-01-01T00:10:00.000Z' }, items: [record('a', '2026-01-01T00:05:00.000Z', 1000), record('b', '2026-01-01T00:10:00.000Z', null)] },
      // the record begun at upTo comes again, now ended; upTo given at the top this time
      { upTo: '2026-01-01T01:00:00.000Z', items: [record('b', '2026-01-01T00:10:00.000Z', 5000), record('c', '2026-01-01T00:20:00.000Z', null)] },
    ];
    const starts: string[] = [];
    const records = await walkHistory(window, async (start) => {
      starts.push(start);
      return pages[starts.length - 1]!;
    });
    expect(starts).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:10:00.000Z']);
    expect(records.map((r) => [r.agentId, r.duration])).toEqual([
      ['a', 1000],
      ['b', 5000],
      ['c', null],
    ]);
  });

  it('skips records of other activity types', async () => {
    const records = await walkHistory(window, async () => ({ items: [record('a', '2026-01-01T00:05:00.000Z', 1), { ...record('a', '2026-01-01T00:06:00.000Z', 1), type: 'Workload' }] }));
    expect(records).toHaveLength(1);
  });

  it('refuses a cursor that does not move on', async () => {
    await expect(walkHistory(window, async () => ({ meta: { upTo: '2026-01-01T00:00:00.000Z' }, items: [record('a', '2026-01-01T00:00:00.000Z', 1)] }))).rejects.toThrow(ContractError);
  });

  it('gives a stint its end from start and duration, and its state from the category or a mapping', () => {
    expect(vonageStint(record('a', '2026-01-01T00:05:00Z', 90_000, 'ExtendedAway'), undefined)).toMatchObject({ state: 'away', start: '2026-01-01T00:05:00.000Z', end: '2026-01-01T00:06:30.000Z', durationMs: 90_000 });
    expect(vonageStint(record('a', '2026-01-01T00:05:00Z', null, 'ExtendedAway'), { ExtendedAway: 'busy' })).toMatchObject({ state: 'busy', end: null });
  });
});
