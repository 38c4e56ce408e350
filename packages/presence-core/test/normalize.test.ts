import { ContractError, InputError, normalizePresence } from '../src';
import cirrusPresence from '../reference/cirrus/presence-one.json';
import talkdeskPresenceOne from '../reference/talkdesk/presence-one.json';
import vonagePresencesMany from '../reference/vonage/presences-many.json';
import vonagePresenceOne from '../reference/vonage/presence-one.json';
import vonageSetPresence from '../reference/vonage/set-presence.json';

// Bodies from the vendors' references (reference/).
const cirrusEnvelope = cirrusPresence.response.body;
const talkdeskPresence = talkdeskPresenceOne.response.body;
const vonageList = vonagePresencesMany.response.body;
const vonageOne = vonagePresenceOne.response.body;
const vonageSet = vonageSetPresence.response.body;

describe('seed payloads normalise to their documented meaning', () => {
  it('Vonage GET /agents/presences/users: Logged Out is offline, Ready is available', () => {
    const [loggedOut, ready] = vonageList.map((r) => normalizePresence('vonage', r));
    expect(loggedOut).toEqual({
      vendor: 'vonage',
      agentId: 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b',
      state: 'offline',
      status: { id: 'eaed6862-14fa-4114-be62-b8709b5d4a49', name: 'Logged Out', category: 'LoggedOut' },
      name: null,
      email: null,
      since: '2021-10-22T13:16:26.730Z',
      sinceSource: 'vendor',
      activity: null,
    });
    expect(ready).toMatchObject({ agentId: 'c07da2cc-7a64-476e-aa95-be7042332a95', state: 'available', status: { category: 'Ready', name: 'Ready' }, since: '2021-10-22T13:24:14.245Z' });
  });

  it('Vonage GET and PATCH single records', () => {
    expect(normalizePresence('vonage', vonageOne).state).toBe('offline');
    expect(normalizePresence('vonage', vonageSet).status.id).toBe('eaed6862-14fa-4114-be62-b8709b5d4a49');
  });

  it.each([
    ['Ready', 'available'],
    ['Away', 'away'],
    ['ExtendedAway', 'away'],
    ['LoggedOut', 'offline'],
    ['extendedAway', 'away'],
    ['OnFire', 'unknown'],
  ])('Vonage categoryType %s is %s', (categoryType, state) => {
    const record = { ...vonageOne, presence: { ...vonageOne.presence, category: { categoryType, description: categoryType } } };
    expect(normalizePresence('vonage', record).state).toBe(state);
  });

  it('Talkdesk: available with an interaction is busy, and activity is reported', () => {
    const p = normalizePresence('talkdesk', talkdeskPresence, { agentId: '5c6f2a1b9e8d7c0087654321' });
    expect(p).toMatchObject({
      vendor: 'talkdesk',
      agentId: '5c6f2a1b9e8d7c0087654321',
      state: 'busy',
      status: { id: 'available', name: 'available', category: 'Available' },
      since: '2024-03-04T09:15:00.000Z',
      activity: { occupancy: 1, interactions: 1, onInteraction: true },
    });
  });

  it.each([
    ['available', 'available'],
    ['away', 'away'],
    ['offline', 'offline'],
    ['hidden', 'offline'],
    ['dancing', 'unknown'],
  ])('Talkdesk idle status %s is %s', (status, state) => {
    const record = { ...talkdeskPresence, status, occupancy: 0, interactions: [] };
    expect(normalizePresence('talkdesk', record, { agentId: 'u1' }).state).toBe(state);
  });

  it('Talkdesk: occupancy alone also means busy; custom statuses are kept', () => {
    expect(normalizePresence('talkdesk', { ...talkdeskPresence, interactions: [], occupancy: 2 }, { agentId: 'u1' }).state).toBe('busy');
    const lunch = normalizePresence('talkdesk', { ...talkdeskPresence, status: 'away', custom_status: 'Lunch', custom_status_id: 'cs-1', occupancy: 0, interactions: [] }, { agentId: 'u1' });
    expect(lunch).toMatchObject({ state: 'away', status: { id: 'cs-1', name: 'Lunch', category: 'Away' } });
  });

  it('Talkdesk: an empty custom status means none', () => {
    const p = normalizePresence('talkdesk', { ...talkdeskPresence, status: 'away', custom_status: '', custom_status_id: '', interactions: [], occupancy: 0 }, { agentId: 'u1' });
    expect(p.status).toEqual({ id: 'away', name: 'away', category: 'Away' });
  });

  it('Talkdesk: older records with user_id need no context', () => {
    expect(normalizePresence('talkdesk', { ...talkdeskPresence, user_id: 'abc123' }).agentId).toBe('abc123');
    expect(() => normalizePresence('talkdesk', talkdeskPresence)).toThrow(InputError);
  });

  it('Cirrus: the payload of the documented envelope', () => {
    const p = normalizePresence('cirrus', cirrusEnvelope.object, { agentId: '9007199254740993' });
    expect(p).toEqual({
      vendor: 'cirrus',
      agentId: '9007199254740993',
      state: 'available',
      name: null,
      email: null,
      status: { id: '1', name: 'Active', category: 'Active' },
      since: null,
      sinceSource: null,
      activity: null,
    });
  });

  it.each([
    [1, 'available', 'Active'],
    [2, 'busy', 'Busy'],
    [3, 'away', 'Away'],
    [7, 'unknown', '7'],
  ])('Cirrus presence_type %s is %s', (presence_type, state, category) => {
    const p = normalizePresence('cirrus', { presence_type, type_id: 40, name: 'X' }, { agentId: '1' });
    expect(p.state).toBe(state);
    expect(p.status.category).toBe(category);
  });

  it('categories are capitalised alike across vendors (Talkdesk status ids and names stay the API values)', () => {
    const categories = [
      normalizePresence('cirrus', { presence_type: 3, type_id: 14, name: 'Lunch' }, { agentId: '1' }).status.category,
      normalizePresence('vonage', { ...vonageOne, presence: { ...vonageOne.presence, category: { categoryType: 'Away' } } }).status.category,
      ...['available', 'away', 'offline', 'hidden'].map((status) => normalizePresence('talkdesk', { status }, { agentId: 'u' }).status.category),
    ];
    expect(categories).toEqual(['Away', 'Away', 'Available', 'Away', 'Offline', 'Hidden']);
    expect(normalizePresence('talkdesk', { status: 'away' }, { agentId: 'u' }).status).toMatchObject({ id: 'away', name: 'away' });
  });

  it('Cirrus: an array payload takes its first entry; an empty one is unknown', () => {
    expect(normalizePresence('cirrus', [{ presence_type: 3, type_id: 14, name: 'Lunch' }, { presence_type: 1, type_id: 1, name: 'Active' }], { agentId: '1' }).status.name).toBe('Lunch');
    expect(normalizePresence('cirrus', [], { agentId: '1' }).state).toBe('unknown');
  });

  it('Cirrus: int64 ids above 2^53 stay exact strings', () => {
    const p = normalizePresence('cirrus', { presence_type: 3, type_id: '9223372036854775807', name: 'Lunch' }, { agentId: '9223372036854775806' });
    expect(p.agentId).toBe('9223372036854775806');
    expect(p.status.id).toBe('9223372036854775807');
  });

  it('includeRaw attaches the record untouched', () => {
    expect(normalizePresence('vonage', vonageOne, { includeRaw: true }).raw).toBe(vonageOne);
    expect(normalizePresence('vonage', vonageOne).raw).toBeUndefined();
  });

  it('a record that breaks the contract names the field', () => {
    expect(() => normalizePresence('vonage', { ...vonageOne, presence: { ...vonageOne.presence, presenceId: 42 } })).toThrow(/presence\.presenceId/);
    expect(() => normalizePresence('talkdesk', { ...talkdeskPresence, occupancy: 'high' }, { agentId: 'u' })).toThrow(ContractError);
    expect(() => normalizePresence('cirrus', { presence_type: 'one', type_id: 1, name: 'A' }, { agentId: '1' })).toThrow(/presence_type/);
  });

  it('extra fields pass', () => {
    expect(normalizePresence('vonage', { ...vonageOne, newField: { x: 1 } }).state).toBe('offline');
  });

  it('an unknown vendor is an input error, not a crash', () => {
    expect(() => normalizePresence('genesys' as never, {})).toThrow(/vendor/);
  });
});

describe('state-mapping overrides', () => {
  it('by status id wins over by name, and name matching ignores case', () => {
    const record = { ...vonageOne, presence: { ...vonageOne.presence, description: 'Training', category: { categoryType: 'ExtendedAway', description: 'x' } } };
    expect(normalizePresence('vonage', record, { mapping: { training: 'busy' } }).state).toBe('busy');
    expect(normalizePresence('vonage', record, { mapping: { Training: 'busy', 'eaed6862-14fa-4114-be62-b8709b5d4a49': 'offline' } }).state).toBe('offline');
    expect(normalizePresence('vonage', record, { mapping: { Lunch: 'busy' } }).state).toBe('away');
  });

  it('maps an unknown vendor value to a state', () => {
    expect(normalizePresence('cirrus', { presence_type: 9, type_id: 99, name: 'Coaching' }, { agentId: '1', mapping: { Coaching: 'busy' } }).state).toBe('busy');
  });

  it('a Talkdesk custom status mapped to available still turns busy on a call', () => {
    const record = { ...talkdeskPresence, status: 'away', custom_status: 'Outbound', custom_status_id: 'cs-9' };
    expect(normalizePresence('talkdesk', record, { agentId: 'u', mapping: { 'cs-9': 'available' } }).state).toBe('busy');
  });
});
