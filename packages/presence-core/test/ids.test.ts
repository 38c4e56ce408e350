import { InputError, validateAgentId, validateStatusId } from '../src';
import { encodePathSegment } from '../src/ids';

describe('agent ids', () => {
  it('keeps Cirrus int64 ids exact as strings', () => {
    expect(validateAgentId('cirrus', '9223372036854775807')).toBe('9223372036854775807');
    expect(validateAgentId('cirrus', '9007199254740993')).toBe('9007199254740993');
    expect(validateAgentId('cirrus', 42)).toBe('42');
    expect(validateAgentId('cirrus', ' 42 ')).toBe('42');
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['abc', /not a Cirrus manager id/],
    ['12.5', /not a Cirrus manager id/],
    ['-4', /not a Cirrus manager id/],
    ['0042', /not a Cirrus manager id/],
    ['9223372036854775808', /not a Cirrus manager id/],
    ['12345678901234567890', /not a Cirrus manager id/],
    [9007199254740993, /not exact/],
    [{ id: 1 }, /got an object/],
    [[1, 2], /got a list/],
    [null, /got null/],
  ])('Cirrus refuses %j', (value, message) => {
    expect(() => validateAgentId('cirrus', value)).toThrow(message);
  });

  it('Vonage ids are GUIDs', () => {
    expect(validateAgentId('vonage', 'DAAB05EC-ba50-45af-a6fd-3b01cdc6f39b')).toBe('DAAB05EC-ba50-45af-a6fd-3b01cdc6f39b');
    expect(() => validateAgentId('vonage', 'agent-7')).toThrow(/GUID/);
  });

  it('Talkdesk ids are word characters', () => {
    expect(validateAgentId('talkdesk', '5f9d1c3e8a4b2c0012345678')).toBe('5f9d1c3e8a4b2c0012345678');
    expect(() => validateAgentId('talkdesk', 'a'.repeat(65))).toThrow(InputError);
  });

  it.each(['../admin', '1/2', 'a?b=c', 'a#b', '%2F', '..', 'a b'])('refuses the path-injection attempt %j for every vendor', (value) => {
    for (const vendor of ['cirrus', 'vonage', 'talkdesk'] as const) {
      expect(() => validateAgentId(vendor, value)).toThrow(InputError);
      expect(() => validateStatusId(vendor, value)).toThrow(InputError);
    }
  });

  it('errors name the field and the fix', () => {
    try {
      validateAgentId('vonage', 'nope', 'agentIds[3]');
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('agentIds[3]');
      expect((error as InputError).message).toContain('agentIds[3]');
      expect((error as InputError).hint).toMatch(/GUID/);
    }
  });
});

describe('status ids', () => {
  it('per vendor', () => {
    expect(validateStatusId('cirrus', '14')).toBe('14');
    expect(validateStatusId('vonage', 'eaed6862-14fa-4114-be62-b8709b5d4a49')).toBe('eaed6862-14fa-4114-be62-b8709b5d4a49');
    expect(validateStatusId('talkdesk', 'away')).toBe('away');
    expect(() => validateStatusId('vonage', 'Ready')).toThrow(/presence id/);
  });
});

describe('encodePathSegment', () => {
  it('encodes every reserved character and refuses dot segments', () => {
    expect(encodePathSegment('a/b?c#d%e')).toBe('a%2Fb%3Fc%23d%25e');
    expect(() => encodePathSegment('..')).toThrow(InputError);
    expect(() => encodePathSegment('.')).toThrow(InputError);
  });
});
