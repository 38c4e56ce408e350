import { type AgentPresence } from '../src';
import { detectTooLong, tooLongEventId, type TooLongOptions, type TooLongState } from '../src/trigger';
import { InputError } from '../src/errors';

const MIN = 60_000;
const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

function presence(agentId: string, name: string, state: AgentPresence['state'], since: string | null, vendor: AgentPresence['vendor'] = 'vonage'): AgentPresence {
  return { vendor, agentId, name: null, email: null, state, status: { id: `id-${name}`, name, category: state }, since, sinceSource: since === null ? null : 'vendor', activity: null };
}
const lunch = (agentId: string, since: string | null, vendor?: AgentPresence['vendor']) => presence(agentId, 'Lunch', 'away', since, vendor);
const brk = (agentId: string, since: string | null, vendor?: AgentPresence['vendor']) => presence(agentId, 'Break', 'away', since, vendor);
const ready = (agentId: string, since: string | null) => presence(agentId, 'Ready', 'available', since);

// Lunch 60 minutes, any other away status 15.
const rules: TooLongOptions['rules'] = [
  { statuses: ['lunch'], thresholdMs: 60 * MIN },
  { states: ['away'], thresholdMs: 15 * MIN },
];

/** Polls the same agents at each minute given, passing the state along as a restart would (through JSON). */
function run(polls: Array<[number, AgentPresence[]]>, options: Partial<TooLongOptions> = {}) {
  let state: TooLongState | undefined;
  const fired: Array<[number, string, number, number]> = [];
  for (const [minute, current] of polls) {
    const r = detectTooLong(state, current, { rules, observedAt: at(minute), ...options });
    for (const e of r.events) fired.push([minute, e.agentId, e.repeat, Math.round(e.durationMs / MIN)]);
    state = JSON.parse(JSON.stringify(r.state)) as TooLongState;
  }
  return { fired, state };
}

describe('detectTooLong', () => {
  it('fires once per stint past the per-status threshold, from the vendor since', () => {
    const polls: Array<[number, AgentPresence[]]> = [0, 10, 16, 20, 59, 61, 90].map((m) => [m, [lunch('a', at(0)), brk('b', at(0))]]);
    expect(run(polls).fired).toEqual([
      [16, 'b', 0, 16],
      [61, 'a', 0, 61],
    ]);
  });

  it('fires again at each repeat while the stint lasts, once per poll however many were missed', () => {
    const polls: Array<[number, AgentPresence[]]> = [0, 15, 20, 25, 26, 60].map((m) => [m, [brk('b', at(0))]]);
    // 15: first; 25: one repeat (10 min); 60: repeats 2, 3 were due by then: one report, numbered 4
    expect(run(polls, { repeatMs: 10 * MIN }).fired).toEqual([
      [15, 'b', 0, 15],
      [25, 'b', 1, 25],
      [60, 'b', 4, 60],
    ]);
  });

  it('an agent already away when first seen fires once the threshold passes (vendor since)', () => {
    // published at minute 40; the agent has been on a break since minute 0
    expect(run([[40, [brk('b', at(0))]], [41, [brk('b', at(0))]]]).fired).toEqual([[40, 'b', 0, 40]]);
  });

  it('without a vendor since, the stint starts at the first poll that saw it', () => {
    const polls: Array<[number, AgentPresence[]]> = [30, 40, 45, 50].map((m) => [m, [brk('c', null, 'cirrus')]]);
    const { fired, state } = run(polls);
    expect(fired).toEqual([[45, 'c', 0, 15]]);
    expect(state!.a.c![1]).toBe(T0 + 30 * MIN);
  });

  it('a new stint of the same status (a new since) fires again; leaving the state ends the stint', () => {
    const polls: Array<[number, AgentPresence[]]> = [
      [20, [brk('b', at(0))]],
      [21, [ready('b', at(21))]],
      [30, [brk('b', at(22))]],
      [40, [brk('b', at(22))]],
    ];
    expect(run(polls).fired).toEqual([
      [20, 'b', 0, 20],
      [40, 'b', 0, 18],
    ]);
  });

  it('a change of watched status starts a new stint with its own threshold', () => {
    const polls: Array<[number, AgentPresence[]]> = [
      [10, [brk('b', at(0))]],
      [12, [lunch('b', at(12))]],
      [30, [lunch('b', at(12))]],
      [72, [lunch('b', at(12))]],
    ];
    expect(run(polls).fired).toEqual([[72, 'b', 0, 60]]);
  });

  it('survives a restart: the same poll after the state was saved fires nothing, before it the same eventId', () => {
    const first = detectTooLong(undefined, [brk('b', at(0))], { rules, observedAt: at(20) });
    expect(first.events).toHaveLength(1);
    const saved = JSON.parse(JSON.stringify(first.state)) as TooLongState;
    expect(detectTooLong(saved, [brk('b', at(0))], { rules, observedAt: at(21) }).events).toEqual([]);
    // a crash before saving: the poll is repeated from the old state, and the report keeps its id
    const again = detectTooLong(undefined, [brk('b', at(0))], { rules, observedAt: at(22) });
    expect(again.events[0]!.eventId).toBe(first.events[0]!.eventId);
    expect(first.events[0]!.eventId).toBe(tooLongEventId('vonage', 'b', 'away', 'id-Break', T0, 0));
    expect(first.events[0]).toMatchObject({ since: at(0), sinceSource: 'vendor', thresholdMs: 15 * MIN, durationMs: 20 * MIN, observedAt: at(20) });
  });

  it('an undated stint keeps its first sighting across restarts, so its eventId is stable too', () => {
    const s1 = detectTooLong(undefined, [brk('c', null, 'cirrus')], { rules, observedAt: at(0) });
    const s2 = detectTooLong(JSON.parse(JSON.stringify(s1.state)), [brk('c', null, 'cirrus')], { rules, observedAt: at(16) });
    const s3 = detectTooLong(JSON.parse(JSON.stringify(s1.state)), [brk('c', null, 'cirrus')], { rules, observedAt: at(17) });
    expect(s2.events[0]!.eventId).toBe(s3.events[0]!.eventId);
    expect(s2.events[0]!.sinceSource).toBe('observed');
  });

  it('keeps the unseen on a partial poll, forgets them on a complete one', () => {
    const s1 = detectTooLong(undefined, [brk('b', null), brk('c', null)], { rules, observedAt: at(0) });
    const partial = detectTooLong(s1.state, [brk('b', null)], { rules, observedAt: at(5), complete: false });
    expect(Object.keys(partial.state.a).sort()).toEqual(['b', 'c']);
    const complete = detectTooLong(s1.state, [brk('b', null)], { rules, observedAt: at(5) });
    expect(Object.keys(complete.state.a)).toEqual(['b']);
  });

  it('keeps only what the presence cannot tell again: undated stints and stints already reported', () => {
    const first = detectTooLong(undefined, [brk('dated', at(10)), brk('fired', at(0)), brk('undated', null), ready('ready', at(0))], { rules, observedAt: at(20) });
    expect(first.events.map((e) => e.agentId)).toEqual(['fired']);
    expect(Object.keys(first.state.a).sort()).toEqual(['fired', 'undated']);
    // One row per status in use, shared by the agents in it.
    expect(first.state.s).toEqual([['away', 'id-Break', 'Break', 'away']]);
    // A dated stint not stored is read again from its since: it fires once its threshold passes, once.
    const second = detectTooLong(JSON.parse(JSON.stringify(first.state)), [brk('dated', at(10)), brk('fired', at(0))], { rules, observedAt: at(26), complete: false });
    expect(second.events.map((e) => [e.agentId, e.durationMs / MIN])).toEqual([['dated', 16]]);
    expect(detectTooLong(second.state, [brk('dated', at(10))], { rules, observedAt: at(27), complete: false }).events).toEqual([]);
  });

  it('on a partial poll, drops the kept stints of agents the roster no longer has', () => {
    const s1 = detectTooLong(undefined, [brk('b', null), brk('c', null)], { rules, observedAt: at(0) });
    const s2 = detectTooLong(s1.state, [], { rules, observedAt: at(1), complete: false, roster: ['b'] });
    expect(Object.keys(s2.state.a)).toEqual(['b']);
  });

  it('names the bad field', () => {
    expect(() => detectTooLong(undefined, [], { rules: [] })).toThrow(InputError);
    expect(() => detectTooLong(undefined, [], { rules: [{ states: ['away'], thresholdMs: 0 }] })).toThrow(/rules\[0\]\.threshold/);
    expect(() => detectTooLong(undefined, [], { rules: [{ thresholdMs: 5 }] })).toThrow(/watches nothing/);
    expect(() => detectTooLong(undefined, [], { rules: [{ states: ['lunch' as never], thresholdMs: 5 }] })).toThrow(/states\[0\]/);
    expect(() => detectTooLong(undefined, [], { rules, repeatMs: -1 })).toThrow(/repeat/);
    expect(() => detectTooLong({ v: 1, agents: {} } as never, [], { rules })).toThrow(/previous/);
  });
});
