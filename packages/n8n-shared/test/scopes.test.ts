import { InputError, VendorApiError } from '@agent-presence/presence-core';
import { askedScopes, withScopeHint } from '../src/scopes';
import { talkdeskVendor } from '../src/vendors/talkdesk';

describe('operation scopes', () => {
  it('reads the Scope field; empty asks for none in particular', () => {
    expect(askedScopes({ scope: ' users:read  stats\n' })).toEqual(['users:read', 'stats']);
    expect(askedScopes({ scope: '' })).toEqual([]);
    expect(askedScopes({})).toEqual([]);
  });

  it("adds the scope to grant to a vendor's 403, keeping its status, code, message and endpoint", () => {
    const refused = new VendorApiError({ vendor: 'talkdesk', httpStatus: 403, code: '0330403', message: 'Forbidden', endpoint: 'PATCH /users/{id}/presence/occupancy' });
    const hinted = withScopeHint(refused, talkdeskVendor, 'presence-occupancy:write', 'Set Occupancy') as VendorApiError;
    expect([hinted.httpStatus, hinted.code, hinted.vendorMessage, hinted.endpoint]).toEqual([403, '0330403', 'Forbidden', 'PATCH /users/{id}/presence/occupancy']);
    expect(hinted.hint).toMatch(/Set Occupancy needs the scope presence-occupancy:write/);
    const notFound = new VendorApiError({ vendor: 'talkdesk', httpStatus: 404, code: 'x', message: 'Not Found' });
    expect(withScopeHint(notFound, talkdeskVendor, 'presence-occupancy:write', 'Set Occupancy')).toBe(notFound);
    const input = new InputError('Agent', 'is empty', 'Pick one.');
    expect(withScopeHint(input, talkdeskVendor, 'presence-occupancy:write', 'Set Occupancy')).toBe(input);
  });
});
