import { ContractError, InputError, NetworkError, VendorApiError } from '@agent-presence/presence-core';
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { errorItemJson, toNodeError } from '../src/errors';

const node: INode = { id: '1', name: 'Presence', type: 'test.presence', typeVersion: 1, position: [0, 0], parameters: {} };

describe('core errors as n8n errors', () => {
  it('bad input is a NodeOperationError: the field and the problem, the fix once as description, and the item index', () => {
    const e = toNodeError(node, new InputError('Agent', 'is empty', 'Give an id.'), 3);
    expect(e).toBeInstanceOf(NodeOperationError);
    expect(e.message).toBe('Agent: is empty');
    expect(e.description).toBe('Give an id.');
    expect(e.context.itemIndex).toBe(3);
  });

  it('a vendor error is a NodeApiError keeping the HTTP status, code and message', () => {
    const vendor = new VendorApiError({ vendor: 'vonage', httpStatus: 400, code: 'Query limit', message: 'max 50', endpoint: 'GET /agents/presences/users' });
    const e = toNodeError(node, vendor, 0) as NodeApiError;
    expect(e).toBeInstanceOf(NodeApiError);
    expect(e.httpCode).toBe('400');
    expect(e.message).toBe(vendor.message);
    expect(e.description).toBe(vendor.hint);
    expect(errorItemJson(e)).toEqual({
      error: vendor.message,
      description: vendor.hint,
      vendor: 'vonage',
      httpStatus: 400,
      code: 'Query limit',
      vendorMessage: 'max 50',
      endpoint: 'GET /agents/presences/users',
    });
  });

  it('contract and network errors are NodeApiErrors too', () => {
    expect(toNodeError(node, new ContractError({ vendor: 'talkdesk', field: 'status', problem: 'is missing' }))).toBeInstanceOf(NodeApiError);
    expect(toNodeError(node, new NetworkError({ vendor: 'cirrus', code: 'ECONNRESET', message: 'reset' }))).toBeInstanceOf(NodeApiError);
  });

  it('an existing n8n error keeps its class and gets the item index', () => {
    const original = new NodeOperationError(node, 'x');
    expect(toNodeError(node, original, 5)).toBe(original);
    expect(original.context.itemIndex).toBe(5);
  });

  it('an unknown error is redacted', () => {
    const e = toNodeError(node, new Error('failed with Authorization: Bearer abc.def.ghi'));
    expect(e.message).not.toContain('abc.def.ghi');
  });
});
