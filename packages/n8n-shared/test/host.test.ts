import { NodeOperationError, type INode, type IPollFunctions } from 'n8n-workflow';
import { fallbackPollBudgetMs, missingHostApis, oldestN8n, pollBudgetMs, requireHostApis } from '../src/host';

const node: INode = { id: 'n1', name: 'Cirrus Presence', type: 'x.cirrusPresence', typeVersion: 1, position: [0, 0], parameters: {} };
const fn = () => undefined;

describe('host capabilities', () => {
  it('finds missing methods and helpers', () => {
    const ctx = { getNode: () => node, getCredentials: fn, helpers: {} };
    expect(missingHostApis(ctx, ['getNode', 'getCredentials', 'getMode', 'helpers.httpRequestWithAuthentication'])).toEqual(['getMode', 'helpers.httpRequestWithAuthentication']);
    expect(missingHostApis({ getNode: fn }, ['helpers.httpRequestWithAuthentication'])).toEqual(['helpers.httpRequestWithAuthentication']);
  });

  it('refuses an n8n that lacks a method with a node error naming the n8n needed, not a TypeError', () => {
    const ctx = { getNode: () => node, getCredentials: fn, helpers: {} };
    let caught: unknown;
    try {
      requireHostApis(ctx, ['getCredentials', 'helpers.httpRequestWithAuthentication']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NodeOperationError);
    const error = caught as NodeOperationError;
    expect(error.message).toBe(`This node needs n8n ${oldestN8n} or newer`);
    expect(error.description).toContain('helpers.httpRequestWithAuthentication()');
    expect(error.node).toBe(node);
  });

  it('refuses with a plain error where the host cannot even name the node', () => {
    expect(() => requireHostApis({}, ['getNode'])).toThrow(`This node needs n8n ${oldestN8n} or newer: This n8n lacks getNode()`);
  });

  it('lets a complete host through', () => {
    expect(() => requireHostApis({ getNode: fn, helpers: { httpRequestWithAuthentication: fn } }, ['getNode', 'helpers.httpRequestWithAuthentication'])).not.toThrow();
  });

  it("takes the host's poll budget, or falls back where n8n has none (before 2.38.0)", () => {
    expect(pollBudgetMs({ getPollBudgetMs: () => 120_000 } as unknown as IPollFunctions)).toBe(120_000);
    expect(pollBudgetMs({} as IPollFunctions)).toBe(fallbackPollBudgetMs);
    expect(pollBudgetMs({ getPollBudgetMs: () => Number.NaN } as unknown as IPollFunctions)).toBe(fallbackPollBudgetMs);
    // Under the shortest poll interval n8n allows (1 min), so two polls never overlap.
    expect(fallbackPollBudgetMs).toBeLessThan(60_000);
  });
});
