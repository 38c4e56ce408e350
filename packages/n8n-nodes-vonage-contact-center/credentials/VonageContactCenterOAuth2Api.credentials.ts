import { regionExpression, regionOptions } from '@agent-presence/n8n-shared';
import { vendorRegistry } from '@agent-presence/presence-core';
import { vonageAgentsAccept } from '@agent-presence/presence-core/vonage';
import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Regions and URLs come from core's definition; n8n needs the URLs as expressions.
const { hosts } = vendorRegistry.vonage;

export class VonageContactCenterOAuth2Api implements ICredentialType {
  name = 'vonageContactCenterOAuth2Api';

  extends = ['oAuth2Api'];

  displayName = 'Vonage Contact Center OAuth2 API';

  icon: Icon = { light: 'file:../icons/vonage-contact-center.svg', dark: 'file:../icons/vonage-contact-center.dark.svg' };

  documentationUrl = 'https://github.com/agent-presence/agent-presence/tree/main/packages/n8n-nodes-vonage-contact-center#credentials';

  properties: INodeProperties[] = [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
    {
      displayName: 'Region',
      name: 'region',
      type: 'options',
      options: regionOptions(hosts),
      default: hosts.defaultRegion,
      description: 'The region of your Vonage Contact Center account; it sets both the API host and the token URL',
    },
    {
      displayName: 'Scope',
      name: 'scope',
      type: 'string',
      default: 'users:read users:write',
      description: 'Space-separated. users:read reads presence, statuses and agents; users:write sets presence; the real-time trigger also needs admin:read and admin:write; Get Presence History needs stats. Ask only for scopes your API client has: Vonage refuses a token for any other.',
    },
    {
      displayName: 'API Host Override',
      name: 'apiHost',
      type: 'string',
      default: '',
      placeholder: 'https://emea.api.newvoicemedia.com',
      description: 'Leave empty to use the region\'s host. Must be https://, except localhost for testing.',
    },
    {
      displayName: 'Token URL Override',
      name: 'tokenUrl',
      type: 'string',
      default: '',
      placeholder: 'https://emea.cc.vonage.com/Auth/connect/token',
      description: 'Leave empty to use the region\'s token URL. Must be https://, except localhost for testing.',
    },
    {
      displayName: 'Access Token URL',
      name: 'accessTokenUrl',
      type: 'hidden',
      default: `={{ $self["tokenUrl"] || ${regionExpression(hosts, '$self["region"]', hosts.tokenUrl)} }}`,
    },
    { displayName: 'Auth URL', name: 'authUrl', type: 'hidden', default: '' },
    { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
    { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
  ];

  test: ICredentialTestRequest = {
    request: {
      baseURL: `={{ $credentials.apiHost || ${regionExpression(hosts, '$credentials.region', hosts.apiBaseUrl)} }}`,
      url: '/agents/presence-definitions',
      headers: { Accept: vonageAgentsAccept },
    },
    // n8n shows these instead of a bare "Unauthorized"; an unreachable host shows its network code (e.g. ENOTFOUND): check Region and the overrides.
    rules: [
      { type: 'responseCode', properties: { value: 401, message: 'Vonage refused the token (401): check Client ID and Client Secret, and that Region is your account\'s.' } },
      { type: 'responseCode', properties: { value: 403, message: 'Vonage refused the call (403): add users:read to Scope (and the scopes in the package README for Set and the real-time trigger), and grant them to the API client.' } },
      { type: 'responseCode', properties: { value: 404, message: 'No Vonage Contact Center API at this address (404): check Region, or API Host Override if set.' } },
    ],
  };
}
