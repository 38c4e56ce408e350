import { ContractError, InputError, NetworkError, parseVendorError, VendorApiError } from '../src';

describe('parseVendorError keeps each vendor code and message', () => {
  it.each([
    ['cirrus', 429, { status: 429, description: 'Too Many Requests' }, '429', 'Too Many Requests'],
    ['cirrus', 401, { status: '401', description: 'Unauthorized' }, '401', 'Unauthorized'],
    ['vonage', 400, { error: { code: 'ApiVersionUnspecified', message: 'Specify an API version' } }, 'ApiVersionUnspecified', 'Specify an API version'],
    ['vonage', 400, { error: { code: 'UnsupportedApiVersion' } }, 'UnsupportedApiVersion', 'UnsupportedApiVersion'],
    ['vonage', 400, { status: 400, title: 'Query limit', detail: 'No more than 50 user ids' }, 'Query limit', 'No more than 50 user ids'],
    ['vonage', 400, { status: 400, title: 'Validation failed', errors: [{ message: 'must be a GUID', path: 'presenceId' }] }, 'Validation failed', 'presenceId: must be a GUID'],
    ['vonage', 404, { message: 'User not found' }, 'Error', 'User not found'],
    ['vonage', 400, { error: 'invalid_client', error_description: 'Client authentication failed' }, 'invalid_client', 'Client authentication failed'],
    ['talkdesk', 404, { code: '0404001', message: 'User not found', fields: [] }, '0404001', 'User not found'],
    ['talkdesk', 400, { code: 1400, message: 'Invalid body', description: 'status is invalid', fields: [{ name: 'status', description: 'not allowed' }] }, '1400', 'Invalid body — status is invalid — status: not allowed'],
    ['talkdesk', 401, { error: 'invalid_token', error_description: 'expired' }, 'invalid_token', 'expired'],
  ] as const)('%s %i %j', (vendor, status, body, code, message) => {
    const parsed = parseVendorError(vendor, status, body);
    expect(parsed.code).toBe(code);
    expect(parsed.message).toBe(message);
  });

  it('Vonage problem errors keep their list as details', () => {
    const parsed = parseVendorError('vonage', 400, { status: 400, title: 'Bad', errors: [{ message: 'm', path: 'p' }] });
    expect(parsed.details).toEqual([{ message: 'm', path: 'p' }]);
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(parseVendorError('cirrus', 429, { status: 429, description: 'x' }, { 'retry-after': '3' }).retryAfterMs).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseVendorError('vonage', 429, {}, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now).retryAfterMs).toBe(5000);
    expect(parseVendorError('vonage', 429, {}, {}).retryAfterMs).toBeUndefined();
  });

  it('an HTML page, an empty body and a JSON string body still give a code and a readable message', () => {
    const html = parseVendorError('talkdesk', 502, '<html><head><title>502</title><style>p{}</style></head><body><h1>Bad Gateway</h1></body></html>');
    expect(html.code).toBe('HTTP_502');
    expect(html.message).toContain('Bad Gateway');
    expect(html.message).not.toContain('<');
    expect(parseVendorError('cirrus', 500, '')).toEqual({ code: 'HTTP_500', message: 'Internal Server Error (empty body)' });
    expect(parseVendorError('vonage', 403, '{"message":"Forbidden for agent"}').message).toBe('Forbidden for agent');
  });

  it('never lets a credential through', () => {
    const parsed = parseVendorError('vonage', 401, { message: 'Token Bearer eyJhbGciOi.abc.def rejected; client_secret=s3cr3t' });
    expect(parsed.message).not.toContain('eyJhbGciOi');
    expect(parsed.message).not.toContain('s3cr3t');
  });
});

describe('typed errors', () => {
  it('VendorApiError names the vendor, status, code, endpoint and a hint', () => {
    const e = new VendorApiError({ vendor: 'vonage', httpStatus: 403, code: 'Forbidden', message: 'no scope', endpoint: 'PATCH /agents/{userId}/presence' });
    expect(e.message).toBe('Vonage Contact Center API error 403 Forbidden: no scope (PATCH /agents/{userId}/presence)');
    expect(e.hint).toMatch(/scope/);
    expect(e.retryable).toBe(false);
    expect(new VendorApiError({ vendor: 'cirrus', httpStatus: 503, code: '503', message: 'x' }).retryable).toBe(true);
    expect(new VendorApiError({ vendor: 'cirrus', httpStatus: 501, code: '501', message: 'x' }).retryable).toBe(false);
  });

  it('each kind is distinguishable', () => {
    expect(new InputError('agentId', 'is empty', 'Give one').kind).toBe('input');
    expect(new ContractError({ vendor: 'talkdesk', field: 'status', problem: 'is missing' }).message).toBe('Talkdesk sent an unexpected response: field "status" is missing');
    expect(new NetworkError({ vendor: 'cirrus', code: 'ECONNRESET', message: 'socket hang up' }).retryable).toBe(true);
  });
});
