import { Int64, toJson } from '../src';

describe('toJson', () => {
  it('writes like JSON.stringify for ordinary values', () => {
    const value = { a: 1, b: 'x"y\u2028', c: [true, null, undefined, 1e21, -0], d: { e: undefined, f: new Date(0) }, g: NaN };
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('writes Int64 and bigint values as exact bare integers', () => {
    expect(toJson({ id: new Int64('9007199254740993'), big: 9223372036854775807n, list: [new Int64('-42')] })).toBe(
      '{"id":9007199254740993,"big":9223372036854775807,"list":[-42]}',
    );
    expect(() => new Int64('12a')).toThrow();
  });
});
