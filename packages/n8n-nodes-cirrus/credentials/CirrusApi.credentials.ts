import { vendorRegistry } from '@agent-presence/presence-core';
import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class CirrusApi implements ICredentialType {
  name = 'cirrusApi';

  displayName = 'Cirrus API';

  icon: Icon = { light: 'file:../icons/cirrus.svg', dark: 'file:../icons/cirrus.dark.svg' };

  documentationUrl = 'https://github.com/agent-presence/agent-presence/tree/main/packages/n8n-nodes-cirrus#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'An admin copies it from Cirrus Digital: Settings > API',
    },
    {
      displayName: 'API Host',
      name: 'apiHost',
      type: 'string',
      default: vendorRegistry.cirrus.hosts.apiBaseUrl(),
      description: 'The Cirrus Digital (CommBox) API host. Must be https://, except localhost for testing.',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.apiHost}}', url: '/core/systemstatus' },
    // n8n shows these instead of a bare "Unauthorized"; an unreachable host shows its network code (e.g. ENOTFOUND): check API Host.
    rules: [
      { type: 'responseCode', properties: { value: 401, message: 'Cirrus refused the API Key (401): copy it again from Cirrus Digital, Settings > API, into API Key.' } },
      { type: 'responseCode', properties: { value: 403, message: 'Cirrus accepted the API Key but refused the call (403): the key must belong to an admin.' } },
      { type: 'responseCode', properties: { value: 404, message: 'No Cirrus API at this address (404): check API Host, e.g. https://api.commbox.io.' } },
    ],
  };
}
