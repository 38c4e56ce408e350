import { regionExpression, regionOptions } from '@agent-presence/n8n-shared';
import { vendorRegistry } from '@agent-presence/presence-core';
import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Regions and URLs come from core's definition; n8n needs the URLs as expressions.
const { hosts } = vendorRegistry.talkdesk;

export class TalkdeskOAuth2Api implements ICredentialType {
  name = 'talkdeskOAuth2Api';

  extends = ['oAuth2Api'];

  displayName = 'Talkdesk OAuth2 API';

  icon: Icon = { light: 'file:../icons/talkdesk.svg', dark: 'file:../icons/talkdesk.dark.svg' };

  documentationUrl = 'https://github.com/agent-presence/agent-presence/tree/main/packages/n8n-nodes-talkdesk#credentials';

  properties: INodeProperties[] = [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
    {
      displayName: 'Account Name',
      name: 'account',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'acme',
      description: 'Your Talkdesk account name, as in acme.mytalkdesk.com',
    },
    {
      displayName: 'Region',
      name: 'region',
      type: 'options',
      options: regionOptions(hosts),
      default: hosts.defaultRegion,
      description: 'The region of your Talkdesk account; it sets both the API host and the token URL',
    },
    {
      displayName: 'Scope',
      name: 'scope',
      type: 'string',
      default: 'presence-user:read presence-status:write users:read',
      description: 'Space-separated. Empty: every scope granted to the client. Set Occupancy also needs presence-occupancy:write.',
    },
    {
      displayName: 'API Host Override',
      name: 'apiHost',
      type: 'string',
      default: '',
      placeholder: 'https://api.talkdeskapp.com',
      description: 'Leave empty to use the region\'s host. Must be https://, except localhost for testing.',
    },
    {
      displayName: 'Token URL Override',
      name: 'tokenUrl',
      type: 'string',
      default: '',
      placeholder: 'https://acme.talkdeskid.com/oauth/token',
      description: 'Leave empty to build it from the account and region. Must be https://, except localhost for testing.',
    },
    {
      // The account name goes into the host, as in core's talkdeskTokenUrl() (which also checks it).
      displayName: 'Access Token URL',
      name: 'accessTokenUrl',
      type: 'hidden',
      default: `={{ $self["tokenUrl"] || ${regionExpression(hosts, '$self["region"]', hosts.tokenUrl, '$self["account"]')} }}`,
    },
    { displayName: 'Auth URL', name: 'authUrl', type: 'hidden', default: '' },
    { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
    { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
  ];

  test: ICredentialTestRequest = {
    request: {
      baseURL: `={{ $credentials.apiHost || ${regionExpression(hosts, '$credentials.region', hosts.apiBaseUrl)} }}`,
      url: '/users',
      qs: { page: 1, per_page: 1 },
    },
    // n8n shows these instead of a bare "Unauthorized"; an unreachable host shows its network code (e.g. ENOTFOUND): check Account Name and Region.
    rules: [
      { type: 'responseCode', properties: { value: 401, message: 'Talkdesk refused the token (401): check Client ID and Client Secret, and Account Name and Region.' } },
      { type: 'responseCode', properties: { value: 403, message: 'Talkdesk refused the call (403): add users:read to Scope (and presence-user:read, presence-status:write), and grant them to the OAuth client.' } },
      { type: 'responseCode', properties: { value: 404, message: 'No Talkdesk API at this address (404): check Region, or API Host Override if set.' } },
    ],
  };
}
