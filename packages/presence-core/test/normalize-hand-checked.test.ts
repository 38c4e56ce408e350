// The hand-checked fast paths of the vendor normalisers against their zod schemas, over
// many generated records, valid and not: a record the hand check accepts must be one the
// schema accepts, and normalising must give the same presence (same keys, same values) or
// the same error as with the schema alone.
import { normalizePresence, type NormalizeContext, type VendorId } from '../src';
import { CirrusPresencePayloadSchema } from '../src/vendors/cirrus';
import { TalkdeskPresenceRecordSchema } from '../src/vendors/talkdesk';
import { VonagePresenceRecordSchema } from '../src/vendors/vonage';
import { handCheckedCirrusTypeId } from '../src/vendors/cirrus/hand-checked';
import { handCheckedTalkdeskPresence } from '../src/vendors/talkdesk/hand-checked';
import { handCheckedVonagePresence } from '../src/vendors/vonage/hand-checked';
import { seededRandom } from './helpers/seeded-random';

/** Every hand check, refusing every record. */
const mockRefuse = jest.fn((): undefined => undefined);

/** normalizePresence with every hand check refusing: the schema path alone. */
function schemaOnly(): typeof normalizePresence {
  let normalize!: typeof normalizePresence;
  jest.isolateModules(() => {
    jest.doMock('../src/vendors/cirrus/hand-checked', () => ({ handCheckedCirrusTypeId: mockRefuse }));
    jest.doMock('../src/vendors/vonage/hand-checked', () => ({ handCheckedVonagePresence: mockRefuse }));
    jest.doMock('../src/vendors/talkdesk/hand-checked', () => ({ handCheckedTalkdeskPresence: mockRefuse }));
    // The index itself is real; what it imports comes from this registry, hand checks mocked.
    ({ normalizePresence: normalize } = jest.requireActual<typeof import('../src')>('../src'));
  });
  return normalize;
}

const absent = Symbol('absent');
type Choice = unknown;

/** Builds records field by field: mostly a valid value, sometimes any of the edge cases. */
function generator(seed: number, validShare: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const field = (valid: readonly Choice[], edge: readonly Choice[]) => (rnd() < validShare ? pick(valid) : pick(edge));
  const object = (fields: Record<string, Choice>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== absent) out[k] = v;
    if (rnd() < 0.1) out.extra = pick([1, null, 'x', { nested: true }]);
    return out;
  };
  return { rnd, pick, field, object };
}

// Values no schema field takes, and some that look close.
const junk: Choice[] = [absent, undefined, null, true, 0, -1, 1.5, NaN, Infinity, '', 'x', [], {}, 10n, Symbol.for('s')];
const strings: Choice[] = ['', 'Ready', 'Lunch', 'é', ' ', '0'];
const nullishStrings: Choice[] = [absent, undefined, null, ...strings];
const iso: Choice[] = ['2025-01-06T09:00:00.000Z', '2021-10-22T13:16:26.730Z', '2025-01-06T09:00:00Z'];

function cirrusRecord(g: ReturnType<typeof generator>): unknown {
  const record = () =>
    g.object({
      presence_type: g.field([1, 2, 3], [...junk, 7, -0, -3, 2 ** 53, 2 ** 53 - 1, '1', '002', '1.0', ' 1', '１']),
      type_id: g.field(
        [1, 14, 40, 0, 2 ** 53 - 1, '1', '9223372036854775807', '0000000000000000001'],
        [...junk, -0, 2 ** 53, -5, 1e21, '12345678901234567890', '1 ', '1\n', '+1', '-1', '１', '0x1', 'abc'],
      ),
      name: g.field(strings, junk),
    });
  const r = g.rnd();
  if (r < 0.8) return record();
  if (r < 0.9) return Array.from({ length: Math.floor(g.rnd() * 3) }, record);
  return g.pick([null, undefined, 'Active', 1, Object.assign(Object.create(null), record()), new Date(0), Object.assign(Object.create({ name: 'Inherited' }), { presence_type: 1, type_id: 1 })]);
}

function vonageRecord(g: ReturnType<typeof generator>): unknown {
  const category = () =>
    g.rnd() < 0.95
      ? g.object({
          categoryType: g.field(['Ready', 'Away', 'ExtendedAway', 'LoggedOut', 'extendedAway', 'OnFire', ''], junk),
          description: g.field(nullishStrings, [5, {}, []]),
          subCategory: g.field([absent, null, 'readyOutbound'], [5, true, {}]),
        })
      : g.pick(junk);
  const presence = () =>
    g.rnd() < 0.95
      ? g.object({
          presenceId: g.field(['eaed6862-14fa-4114-be62-b8709b5d4a49', 'p1', ''], junk),
          selectable: g.field([true, false, absent, null], ['true', 0, 1, {}]),
          category: category(),
          description: g.field(nullishStrings, [5, {}, []]),
        })
      : g.pick(junk);
  const record = g.object({ userId: g.field(['daab05ec-ba50-45af-a6fd-3b01cdc6f39b', 'u1', ''], junk), updated: g.field([...iso, absent, null], [5, '', 'soon', {}]), presence: presence() });
  return g.rnd() < 0.97 ? record : g.pick([null, [record], 'x', new Map()]);
}

function talkdeskRecord(g: ReturnType<typeof generator>): unknown {
  const counts: Choice[] = [absent, null, 0, 1, 2, 100];
  const badCounts: Choice[] = [-1, 1.5, 2 ** 53, NaN, Infinity, '1', true, {}];
  const arrayOf = (each: () => unknown): unknown => {
    const r = g.rnd();
    if (r < 0.1) return g.pick([absent, null]);
    if (r < 0.15) return g.pick(['x', {}, 5, true]);
    const list = Array.from({ length: Math.floor(g.rnd() * 3) }, each);
    // A hole, as zod reads it: undefined.
    if (g.rnd() < 0.03) list.length += 1;
    return list;
  };
  const record = g.object({
    id: g.field(nullishStrings, [5, {}]),
    account_id: g.field(nullishStrings, [5]),
    user_id: g.field([absent, absent, null, '5c6f2a1b9e8d7c0087654321', ''], [5, {}]),
    status: g.field(['available', 'away', 'offline', 'hidden', 'dancing', ''], junk),
    custom_status: g.field(['', null, absent, 'Lunch'], [5, {}]),
    custom_status_id: g.field(['', null, absent, 'cs-1'], [5, []]),
    occupancy: g.field(counts, badCounts),
    channels: arrayOf(() =>
      g.rnd() < 0.95 ? g.object({ name: g.field(['voice', 'chat'], junk), devices: arrayOf(() => g.field(['dev-1'], [5, null])), occupancy: g.field(counts, badCounts) }) : g.pick(junk),
    ),
    devices: arrayOf(() => (g.rnd() < 0.95 ? g.object({ id: g.field(['dev-1'], junk) }) : g.pick(junk))),
    interactions: arrayOf(() =>
      g.rnd() < 0.95
        ? g.object({
            id: g.field(['int-42'], junk),
            channel_name: g.field(nullishStrings, [5]),
            device_id: g.field(nullishStrings, [5]),
            cost: g.field([absent, null, 0, 1, 0.5, -2], [NaN, Infinity, '1', {}]),
          })
        : g.pick(junk),
    ),
    updated_by: g.field(nullishStrings, [5]),
    updated_at: g.field([...iso, absent, null], [5, {}]),
    _links: g.pick([absent, undefined, null, 5, { self: { href: 'x' } }]),
  });
  return g.rnd() < 0.97 ? record : g.pick([null, [record], 'x']);
}

interface Case {
  vendor: VendorId;
  schema: { safeParse(v: unknown): { success: boolean; data?: unknown } };
  handCheck: (v: unknown) => unknown;
  make: (g: ReturnType<typeof generator>) => unknown;
  transforms: boolean;
  /** Per field: Talkdesk has many, so each is spoilt less often for enough whole valid records. */
  validShare: number;
}
const cases: Case[] = [
  {
    vendor: 'cirrus',
    schema: CirrusPresencePayloadSchema,
    // The record as the hand-checked path reads it: its own presence_type and name, and the type_id the check gives.
    handCheck: (v) => {
      const typeId = handCheckedCirrusTypeId(v);
      return typeId === undefined ? undefined : { presence_type: (v as Record<string, unknown>).presence_type, type_id: typeId, name: (v as Record<string, unknown>).name };
    },
    make: cirrusRecord,
    transforms: true,
    validShare: 0.85,
  },
  { vendor: 'vonage', schema: VonagePresenceRecordSchema, handCheck: handCheckedVonagePresence, make: vonageRecord, transforms: false, validShare: 0.85 },
  { vendor: 'talkdesk', schema: TalkdeskPresenceRecordSchema, handCheck: handCheckedTalkdeskPresence, make: talkdeskRecord, transforms: false, validShare: 0.96 },
];

function outcome(normalize: typeof normalizePresence, vendor: VendorId, record: unknown, context: NormalizeContext) {
  try {
    return { presence: normalize(vendor, record, context) };
  } catch (error) {
    const e = error as Error & { field?: string; kind?: string };
    return { error: { class: e.constructor.name, kind: e.kind, field: e.field, message: e.message } };
  }
}

describe.each(cases)('$vendor: the hand check agrees with the schema', ({ vendor, schema, handCheck, make, transforms, validShare }) => {
  const bySchema = schemaOnly();
  const g = generator(vendor.length * 7919, validShare);
  const records = Array.from({ length: 6000 }, () => make(g));

  it('accepts only what the schema accepts, and reads it as the schema does', () => {
    let accepted = 0;
    for (const record of records) {
      const q = handCheck(record);
      if (q === undefined) continue;
      accepted++;
      const parsed = schema.safeParse(record);
      expect(parsed.success).toBe(true);
      // With no transforms the record itself stands for zod's copy (which only drops extra fields).
      if (transforms) expect(q).toStrictEqual(parsed.data);
      else expect(q).toBe(record);
    }
    // Most generated records are valid, and most valid ones take the hand-checked path.
    expect(accepted).toBeGreaterThan(records.length * 0.2);
  });

  it('normalises every record exactly as the schema path does: same presence or same error', () => {
    let errors = 0;
    records.forEach((record, i) => {
      const context: NormalizeContext = {
        ...(vendor === 'cirrus' || i % 3 !== 0 ? { agentId: i % 11 === 0 ? '9223372036854775806' : String(i) } : {}),
        ...(i % 5 === 0 ? { mapping: { Lunch: 'busy', '14': 'offline', ready: 'away' } as const } : {}),
        ...(i % 7 === 0 ? { includeRaw: true } : {}),
        ...(vendor === 'cirrus' && i % 4 === 0 ? { activity: { onInteraction: i % 8 === 0, interactions: 1 } } : {}),
      };
      const fast = outcome(normalizePresence, vendor, record, context);
      expect(fast).toStrictEqual(outcome(bySchema, vendor, record, context));
      if (fast.error) errors++;
      // The keys come in the order they always did (n8n shows them so).
      if (fast.presence) expect(Object.keys(fast.presence)).toEqual(Object.keys(outcome(bySchema, vendor, record, context).presence!));
    });
    expect(errors).toBeGreaterThan(100);
  });
});

it('the schema-only normaliser is the schema path: it refuses what the schema refuses, naming the field', () => {
  // Its own module registry, so its own ContractError class: told by name.
  expect(() => schemaOnly()('cirrus', { presence_type: 'one', type_id: 1, name: 'A' }, { agentId: '1' })).toThrow(/field "presence_type"/);
  mockRefuse.mockClear();
  expect(schemaOnly()('vonage', { userId: 'u', presence: { presenceId: 'p', category: { categoryType: 'Ready' } } }).state).toBe('available');
  expect(mockRefuse).toHaveBeenCalledTimes(1);
});

describe('presences have the same keys in the same order from every vendor (raw only when asked)', () => {
  type Shape = Array<string | [string, Shape]>;
  const shape = (p: object): Shape => Object.entries(p).map(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) && k !== 'raw' ? [k, shape(v as object)] : k));
  const cirrus = { presence_type: 1, type_id: 1, name: 'Active' };
  const head = ['vendor', 'agentId', 'name', 'email', 'state', ['status', ['id', 'name', 'category']], 'since', 'sinceSource'] as Shape;

  it('Cirrus', () => {
    expect(shape(normalizePresence('cirrus', cirrus, { agentId: '1' }))).toEqual([...head, 'activity']);
    expect(shape(normalizePresence('cirrus', cirrus, { agentId: '1', activity: { onInteraction: true }, includeRaw: true }))).toEqual([...head, ['activity', ['onInteraction']], 'raw']);
    // An empty payload: no status, so no activity either.
    expect(shape(normalizePresence('cirrus', [], { agentId: '1', activity: { onInteraction: true }, includeRaw: true }))).toEqual([...head, 'activity', 'raw']);
  });

  it('Vonage: selectable belongs to the status list, not to a presence', () => {
    const record = { userId: 'u', updated: null, presence: { presenceId: 'p', selectable: true, category: { categoryType: 'Ready' } } };
    expect(shape(normalizePresence('vonage', record, { includeRaw: true }))).toEqual([...head, 'activity', 'raw']);
    expect(shape(normalizePresence('vonage', { ...record, presence: { ...record.presence, selectable: null } }))).toEqual([...head, 'activity']);
  });

  it('Talkdesk', () => {
    const record = { status: 'available', occupancy: 1 };
    expect(shape(normalizePresence('talkdesk', record, { agentId: 'u', includeRaw: true }))).toEqual([...head, ['activity', ['occupancy', 'interactions', 'onInteraction']], 'raw']);
    expect(shape(normalizePresence('talkdesk', { ...record, occupancy: null }, { agentId: 'u' }))).toEqual([...head, ['activity', ['interactions', 'onInteraction']]]);
  });
});
