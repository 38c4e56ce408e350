import { InputError } from '@agent-presence/presence-core';
import { inTeams, mappingFromCollection, parseIdList, statesFrom, teamsFrom } from '../src/params';
import { talkdeskVendor } from '../src/vendors/talkdesk';

describe('parameters', () => {
  it('parses ids typed with commas, spaces, semicolons and new lines, or given as a list', () => {
    expect(parseIdList(' 1, 2;3\n4  5 ', 'Agent IDs')).toEqual(['1', '2', '3', '4', '5']);
    expect(parseIdList(['a', 7, ' b '], 'Agent IDs')).toEqual(['a', '7', 'b']);
    expect(parseIdList(42, 'Agent IDs')).toEqual(['42']);
  });

  it('names the field when ids are missing or of the wrong kind', () => {
    expect(() => parseIdList('  ', 'Agent IDs')).toThrow(/Agent IDs: is empty/);
    expect(() => parseIdList({ id: 1 }, 'Agent IDs')).toThrow(InputError);
    expect(() => parseIdList(['a', { x: 1 }], 'Agent IDs')).toThrow(/Agent IDs, item 2: must be an id/);
  });

  it('refuses a number that is not exact as an id: a Cirrus id above 2^53 would silently lose digits', () => {
    expect(() => parseIdList([Number('9007199254740993')], 'Agent IDs')).toThrow(/Agent IDs, item 1: 9007199254740992 is not exact as a number/);
    expect(() => parseIdList(2 ** 60, 'Agent IDs')).toThrow(/Agent IDs: \d+ is not exact as a number/);
    expect(() => parseIdList([1.5], 'Agent IDs')).toThrow(/Agent IDs, item 1: 1\.5 is not exact/);
    expect(parseIdList([9007199254740991], 'Agent IDs')).toEqual(['9007199254740991']);
  });

  it('reads the State Mapping collection', () => {
    expect(mappingFromCollection({ mappings: [{ match: 'Lunch', state: 'busy' }] })).toEqual({ Lunch: 'busy' });
    expect(mappingFromCollection({})).toBeUndefined();
    expect(() => mappingFromCollection({ mappings: [{ match: '', state: 'away' }, { match: 'Lunch', state: 'napping' }] })).toThrow(/^Options > State Mapping, row 2: "napping" is not a common state/);
    // Rows added and left empty are ignored, wherever they are.
    expect(mappingFromCollection({ mappings: [{ match: '', state: 'away' }, { match: 'Lunch', state: 'busy' }, { state: 'offline' }] })).toEqual({ Lunch: 'busy' });
    expect(mappingFromCollection({ mappings: [{ match: '  ', state: 'away' }] })).toBeUndefined();
  });

  it('keeps only state strings', () => {
    expect(statesFrom(['away', 3, 'busy'])).toEqual(['away', 'busy']);
    expect(statesFrom('away')).toEqual([]);
  });

  it('credential fields are named by their labels', () => {
    expect(() => talkdeskVendor.endpoints({ account: 'acme.mytalkdesk.com', region: 'us' })).toThrow(/^Credential > Account Name: "acme\.mytalkdesk\.com" is not a Talkdesk account name/);
  });

  it('teams are picked by id, or by name ignoring case; names may hold spaces', () => {
    expect(teamsFrom(['7', 8])).toEqual(['7', '8']);
    expect(teamsFrom('Sales EMEA, 12')).toEqual(['Sales EMEA', '12']);
    const agent = { team: { id: '12', name: 'Sales EMEA' } };
    expect([inTeams(agent, ['12']), inTeams(agent, ['sales emea']), inTeams(agent, ['13']), inTeams({ team: null }, ['12'])]).toEqual([true, true, false, false]);
  });
});
