import { parseJsonBody } from '../src/http/json';
import { quoteUnsafeIntegers } from '../src/http/json';

// The Node 20 path (no reviver source text) is run for real by int64-hosts.test.ts; these pin its
// text rewrite, which every Node can run.
describe('quoteUnsafeIntegers', () => {
  it('quotes only integer literals outside strings that are not safe integers', () => {
    const text = '{"id":9007199254740993,"n":-9223372036854775807,"safe":9007199254740991,"f":12345678901234567890.5,"e":1e21,"s":"9007199254740993 \\"9007199254740995\\"","a":[18446744073709551615]}';
    expect(JSON.parse(quoteUnsafeIntegers(text))).toEqual({
      id: '9007199254740993',
      n: '-9223372036854775807',
      safe: 9007199254740991,
      f: 12345678901234567890.5,
      e: 1e21,
      s: '9007199254740993 "9007199254740995"',
      a: ['18446744073709551615'],
    });
  });

  it('gives what the reviver gives', () => {
    const text = '{"object":[{"id":1234567890123456789,"teamId":3,"name":"x 9007199254740993"}]}';
    expect(parseJsonBody(text)).toEqual({ ok: true, value: JSON.parse(quoteUnsafeIntegers(text)) });
  });

  it('leaves text that is not JSON invalid', () => {
    expect(() => JSON.parse(quoteUnsafeIntegers('{"id":9007199254740993'))).toThrow();
  });
});
