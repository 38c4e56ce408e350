// A credential's URL expressions, evaluated by n8n's own expression engine for every
// region, against the URLs core's builders give: the credential and core cannot drift.
import type { VendorDefinition } from '@agent-presence/presence-core';
import { Workflow, type ICredentialDataDecryptedObject, type ICredentialType, type INode, type INodeTypes } from 'n8n-workflow';

const node: INode = { id: 'n', name: 'Node', type: 'test.none', typeVersion: 1, position: [0, 0], parameters: {} };
const workflow = new Workflow({
  id: 'wf-credential',
  nodes: [node],
  connections: {},
  active: false,
  nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes,
});

/** A credential field's expression with the credential as `$self`, as n8n's CredentialsHelper resolves it. */
export function resolveCredentialField(value: string, data: ICredentialDataDecryptedObject): unknown {
  return workflow.expression.getComplexParameterValue(node, value as never, 'internal', {}, undefined, undefined, data as never);
}

/** A credential test request's expression with the credential as `$credentials`, as n8n resolves it. */
export function resolveCredentialTest(value: string, data: ICredentialDataDecryptedObject): unknown {
  return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: data } as never, undefined, '');
}

export interface CredentialUrlsSpec {
  credential: ICredentialType;
  vendor: VendorDefinition;
}

export function describeCredentialUrls({ credential, vendor }: CredentialUrlsSpec): void {
  const { hosts } = vendor;
  const field = (name: string) => credential.properties.find((p) => p.name === name);
  const baseURL = () => String(credential.test?.request.baseURL);

  describe(`${credential.name}: URLs from core's ${vendor.id} definition`, () => {
    if (hosts.regions.length === 0) {
      it('defaults API Host to core\'s host, which the test request uses', () => {
        expect(field('apiHost')?.default).toBe(hosts.apiBaseUrl(undefined as never));
        expect(resolveCredentialTest(baseURL(), { apiHost: hosts.apiBaseUrl(undefined as never) })).toBe(hosts.apiBaseUrl(undefined as never));
      });
      return;
    }

    it('lists core\'s regions, in order, with its default', () => {
      const region = field('region');
      expect(region?.options).toEqual(hosts.regions.map((r) => ({ name: r.name, value: r.id })));
      expect(region?.default).toBe(hosts.defaultRegion);
    });

    it.each(hosts.regions.map((r) => r.id))('region %s: the token URL and the test request\'s host are core\'s', (region) => {
      const data = { region, account: 'acme-2', apiHost: '', tokenUrl: '' };
      expect(resolveCredentialTest(baseURL(), data)).toBe(hosts.apiBaseUrl(region));
      const tokenUrl = field('accessTokenUrl')?.default;
      expect(typeof tokenUrl).toBe('string');
      expect(resolveCredentialField(String(tokenUrl), data)).toBe(hosts.tokenUrl!(region, 'acme-2'));
    });

    it('the overrides win over the region\'s URLs', () => {
      const data = { region: hosts.defaultRegion!, account: 'acme', apiHost: 'http://127.0.0.1:1', tokenUrl: 'http://127.0.0.1:2/token' };
      expect(resolveCredentialTest(baseURL(), data)).toBe('http://127.0.0.1:1');
      expect(resolveCredentialField(String(field('accessTokenUrl')?.default), data)).toBe('http://127.0.0.1:2/token');
    });
  });
}
