import {
  ICredentialsHelper,
  NodeHelpers,
  type ICredentialDataDecryptedObject,
  type ICredentials,
  type ICredentialType,
  type IHttpRequestOptions,
  type INode,
  type INodeCredentialsDetails,
  type INodeProperties,
  type IRequestOptionsSimplified,
  type IWorkflowExecuteAdditionalData,
  type Workflow,
} from 'n8n-workflow';

/**
 * n8n's own `oAuth2Api` base type lives in n8n-nodes-base, which is not a dependency
 * here. This stand-in carries the properties our OAuth2 credentials inherit and n8n-core's
 * OAuth2 code reads; the end-to-end suite runs the real one in a real n8n.
 */
export const oAuth2ApiStandIn: ICredentialType = {
  name: 'oAuth2Api',
  displayName: 'OAuth2 API',
  properties: [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
    { displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
    { displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
    { displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
    { displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
    { displayName: 'Scope', name: 'scope', type: 'string', default: '' },
    { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
    { displayName: 'Authentication', name: 'authentication', type: 'options', options: [{ name: 'Body', value: 'body' }, { name: 'Header', value: 'header' }], default: 'header' },
    { displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
  ],
};

/**
 * The credentials side of n8n, as its CLI implements it, for credentials held in memory:
 * defaults from the type and its parents, `$self` expressions resolved, generic
 * authentication applied, OAuth2 token data stored back.
 */
export class MemoryCredentialsHelper extends ICredentialsHelper {
  /** Stored data per credential type (one credential per type in tests). */
  readonly stored = new Map<string, ICredentialDataDecryptedObject>();
  /** Every token n8n stored back after fetching one. */
  readonly tokenUpdates: Array<{ type: string; accessToken: unknown }> = [];
  workflow?: Workflow;
  node?: INode;

  constructor(private readonly types: Map<string, ICredentialType>) {
    super();
  }

  private type(name: string): ICredentialType {
    const t = this.types.get(name);
    if (!t) throw new Error(`unknown credential type ${name}`);
    return t;
  }

  getParentTypes(name: string): string[] {
    const parents = this.type(name).extends ?? [];
    return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
  }

  isCredentialUsableByNode(): boolean {
    return true;
  }

  getCredentialsProperties(type: string): INodeProperties[] {
    const own = this.type(type).properties;
    const inherited = (this.type(type).extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
    const names = new Set(own.map((p) => p.name));
    return [...inherited.filter((p) => !names.has(p.name)), ...own];
  }

  async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
    const data = this.stored.get(type) ?? {};
    return { id: type, name: type, type, getData: () => data, getDataToSave: () => ({ data: '' }), setData: () => undefined } as unknown as ICredentials;
  }

  async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _details: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
    const properties = this.getCredentialsProperties(type);
    const raw = this.stored.get(type) ?? {};
    const withDefaults = NodeHelpers.getNodeParameters(properties, raw as never, true, false, null, null) as ICredentialDataDecryptedObject;
    const data: ICredentialDataDecryptedObject = { ...raw, ...withDefaults };
    if (!this.workflow || !this.node) return data;
    // As n8n's CredentialsHelper does: expressions in credential fields see the credential as $self.
    const resolved = this.workflow.expression.getComplexParameterValue(this.node, data as never, 'internal', {}, undefined, undefined, data) as ICredentialDataDecryptedObject;
    return { ...resolved, oauthTokenData: raw.oauthTokenData } as ICredentialDataDecryptedObject;
  }

  async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions | IRequestOptionsSimplified, workflow?: Workflow, node?: INode): Promise<IHttpRequestOptions> {
    const auth = this.type(typeName).authenticate;
    if (typeof auth === 'function') return auth(credentials, requestOptions as IHttpRequestOptions);
    if (!auth || auth.type !== 'generic' || !workflow || !node) return requestOptions as IHttpRequestOptions;
    const resolve = (value: unknown) =>
      typeof value === 'string' && value.startsWith('=')
        ? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '')
        : value;
    const out = requestOptions as IHttpRequestOptions & Record<string, unknown>;
    for (const [outer, values] of Object.entries(auth.properties)) {
      const target = ((out[outer] as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) target[key] = resolve(value);
      out[outer] = target;
    }
    return out;
  }

  async preAuthentication(): Promise<undefined> {
    return undefined;
  }

  async runPreAuthentication(): Promise<undefined> {
    return undefined;
  }

  async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
    const current = { ...(this.stored.get(type) ?? {}) };
    if (data.oauthTokenData !== undefined) current.oauthTokenData = data.oauthTokenData;
    this.stored.set(type, current);
  }

  async updateCredentialsOauthTokenData(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
    this.tokenUpdates.push({ type, accessToken: (data.oauthTokenData as { access_token?: unknown } | undefined)?.access_token });
    await this.updateCredentials(details, type, data);
  }
}
