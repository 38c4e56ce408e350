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
      default: 'https://api.commbox.io',
      description: 'The Cirrus Digital (CommBox) API host. Must be https://, except localhost for testing.',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.apiHost}}', url: '/core/systemstatus' },
  };
}
