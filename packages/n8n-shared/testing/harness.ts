// Runs our nodes through n8n's real engine (n8n-core), credentials and HTTP included,
// against whatever host the credentials point at (in tests: the simulator).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's instance settings read their folder at import: keep them out of the user's home.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'agent-presence-n8n-'));

import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, WorkflowExecute } from 'n8n-core';
import {
  Workflow,

  type ICredentialDataDecryptedObject,
  type ICredentialType,
  type IDataObject,
  type INode,
  type INodeExecutionData,
  type INodeListSearchResult,
  type INodeParameters,
  type INodePropertyOptions,
  type INodeType,
  type INodeTypes,
  type IRun,
  type IWorkflowExecuteAdditionalData,
  type WorkflowExecuteMode,
} from 'n8n-workflow';
import { MemoryCredentialsHelper, oAuth2ApiStandIn } from './credentials';
import { startWebhookHost, type BodyHandling } from './webhook';

/** A node that outputs the items in its parameters: the input of the node under test. */
class ItemsSource implements INodeType {
  description = {
    displayName: 'Items',
    name: 'items',
    group: ['input'],
    version: 1,
    description: 'Test input',
    defaults: { name: 'Items' },
    inputs: [],
    outputs: ['main'],
    properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
  } as unknown as INodeType['description'];

  async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
    return [items.map((json, i) => ({ json, pairedItem: { item: i } }))];
  }
}

export interface HarnessOptions {
  /** The package's node classes, by node name (e.g. cirrusPresence). */
  nodes: Record<string, INodeType>;
  credentialTypes: ICredentialType[];
  /** Stored credential data, by credential type. */
  credentials: Record<string, ICredentialDataDecryptedObject>;
}

export interface ActionRun {
  items: INodeExecutionData[];
  /** The node's error when the run failed, as n8n recorded it. */
  error?: { message: string; description?: string | null; name?: string; httpCode?: string | null; context?: IDataObject; errorResponse?: IDataObject };
  run: IRun;
}

const TEST_PACKAGE = 'test';

export class NodeHarness {
  readonly credentialsHelper: MemoryCredentialsHelper;
  private readonly nodeTypes: INodeTypes;
  private readonly credentialTypeNames: string[];

  constructor(private readonly options: HarnessOptions) {
    const types = new Map<string, ICredentialType>([[oAuth2ApiStandIn.name, oAuth2ApiStandIn]]);
    for (const t of options.credentialTypes) types.set(t.name, t);
    this.credentialTypeNames = options.credentialTypes.map((t) => t.name);
    this.credentialsHelper = new MemoryCredentialsHelper(types);
    for (const [type, data] of Object.entries(options.credentials)) this.credentialsHelper.stored.set(type, { ...data });
    const all: Record<string, INodeType> = { [`${TEST_PACKAGE}.items`]: new ItemsSource() };
    for (const [name, node] of Object.entries(options.nodes)) all[`${TEST_PACKAGE}.${name}`] = node;
    this.nodeTypes = {
      getByName: (type) => all[type]!,
      getByNameAndVersion: (type) => all[type]!,
      getKnownTypes: () => ({}),
    } as INodeTypes;
  }

  private additionalData(): IWorkflowExecuteAdditionalData {
    return {
      credentialsHelper: this.credentialsHelper,
      executeWorkflow: async () => {
        throw new Error('not in tests');
      },
      getRunExecutionData: async () => undefined,
      getRuntimeCredential: async () => undefined,
      currentNodeExecutionIndex: 0,
      restApiUrl: 'http://localhost/rest',
      instanceBaseUrl: 'http://localhost/',
      formBaseUrl: 'http://localhost/form',
      formWaitingBaseUrl: 'http://localhost/form-waiting',
      formTestBaseUrl: 'http://localhost/form-test',
      webhookBaseUrl: 'http://localhost/webhook',
      webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
      webhookTestBaseUrl: 'http://localhost/webhook-test',
      mcpBaseUrl: 'http://localhost/mcp',
      mcpTestBaseUrl: 'http://localhost/mcp-test',
      variables: {},
      logAiEvent: async () => undefined,
      externalSecretsProxy: { hasVendor: () => false, getSecret: () => undefined, hasSecret: () => false, listVendors: () => [], listSecrets: () => [] },
    } as unknown as IWorkflowExecuteAdditionalData;
  }

  private nodeOf(name: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
    const credentialType = this.credentialTypeNames[0]!;
    return {
      id: `node-${name}`,
      name,
      type: `${TEST_PACKAGE}.${name}`,
      typeVersion: 1,
      position: [0, 0],
      parameters,
      credentials: { [credentialType]: { id: credentialType, name: credentialType } },
      ...extra,
    };
  }

  /** Runs an action node on the given input items, through WorkflowExecute. */
  async runAction(nodeName: string, parameters: INodeParameters, input: IDataObject[] = [{}], options: { continueOnFail?: boolean } = {}): Promise<ActionRun> {
    const source: INode = { id: 'node-items', name: 'Items', type: `${TEST_PACKAGE}.items`, typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } };
    const node = this.nodeOf(nodeName, parameters, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
    const workflowData = { id: 'wf-test', name: 'test', active: false, isArchived: false, nodes: [source, node], connections: { Items: { main: [[{ node: nodeName, type: 'main' as const, index: 0 }]] } }, createdAt: new Date(), updatedAt: new Date(), settings: { executionOrder: 'v1' as const } };
    const workflow = new Workflow({ ...workflowData, nodeTypes: this.nodeTypes });
    this.credentialsHelper.workflow = workflow;
    this.credentialsHelper.node = node;
    const additionalData = this.additionalData();
    additionalData.hooks = new ExecutionLifecycleHooks('manual', 'exec-test', workflowData as never);
    const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Items')! });
    const nodeRuns = run.data.resultData.runData[nodeName] ?? [];
    const last = nodeRuns[nodeRuns.length - 1];
    const items = last?.data?.main?.[0] ?? [];
    const err = (last?.error ?? run.data.resultData.error) as ActionRun['error'] | undefined;
    return { items, error: err, run };
  }

  /** A node's type and a load-options context for the parameter at `path`, as the editor builds them. */
  private editorContext(nodeName: string, path: string): { ctx: LoadOptionsContext; type: INodeType } {
    const node = this.nodeOf(nodeName, {});
    const workflow = new Workflow({ id: 'wf-editor', name: 'editor', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
    this.credentialsHelper.workflow = workflow;
    this.credentialsHelper.node = node;
    return { ctx: new LoadOptionsContext(workflow, node, this.additionalData(), path), type: this.nodeTypes.getByName(node.type) as INodeType };
  }

  /** Calls a listSearch method of a node (a resource locator's "From list"), as the editor does. */
  async listSearch(nodeName: string, method: string, filter?: string): Promise<INodeListSearchResult> {
    const { ctx, type } = this.editorContext(nodeName, 'parameters.agent');
    const fn = type.methods?.listSearch?.[method];
    if (!fn) throw new Error(`${nodeName} has no listSearch method ${method}`);
    return fn.call(ctx, filter);
  }

  /** Calls a loadOptions method of a node (a multi-picker's list), as the editor does. */
  async loadOptions(nodeName: string, method: string): Promise<INodePropertyOptions[]> {
    const { ctx, type } = this.editorContext(nodeName, 'parameters.agentIds');
    const fn = type.methods?.loadOptions?.[method];
    if (!fn) throw new Error(`${nodeName} has no loadOptions method ${method}`);
    return fn.call(ctx);
  }

  /** A webhook trigger behind a loopback HTTP server, with its activation methods. */
  async webhookTrigger(nodeName: string, parameters: INodeParameters, options: { body?: BodyHandling } = {}) {
    const node = { ...this.nodeOf(nodeName, parameters), webhookId: `hook-${nodeName}` };
    const workflow = new Workflow({ id: 'wf-webhook', name: 'webhook', nodes: [node], connections: {}, active: true, nodeTypes: this.nodeTypes, staticData: {} });
    this.credentialsHelper.workflow = workflow;
    this.credentialsHelper.node = node;
    const host = await startWebhookHost({ workflow, node, type: this.nodeTypes.getByName(node.type) as INodeType, additionalData: () => this.additionalData(), body: options.body });
    return {
      ...host,
      workflow,
      get staticData(): IDataObject {
        return workflow.getStaticData('node', node);
      },
    };
  }

  /**
   * A poller over one trigger node, keeping its static data between polls like an active workflow.
   * `withoutPollBudget` runs it as n8n before 2.38.0 does: a poll context with no getPollBudgetMs.
   */
  poller(nodeName: string, parameters: INodeParameters, options: { budgetMs?: number; mode?: WorkflowExecuteMode; withoutPollBudget?: boolean } = {}) {
    const node = this.nodeOf(nodeName, parameters);
    const workflow = new Workflow({ id: 'wf-trigger', name: 'trigger', nodes: [node], connections: {}, active: true, nodeTypes: this.nodeTypes, staticData: {} });
    const type = this.nodeTypes.getByName(node.type) as INodeType;
    return {
      workflow,
      node,
      get staticData(): IDataObject {
        return workflow.getStaticData('node', node);
      },
      poll: async (mode: WorkflowExecuteMode = options.mode ?? 'trigger'): Promise<INodeExecutionData[][] | null> => {
        this.credentialsHelper.workflow = workflow;
        this.credentialsHelper.node = node;
        const ctx = new PollContext(workflow, node, this.additionalData(), mode, 'activate', undefined, undefined, undefined, undefined, undefined, () => options.budgetMs ?? 300_000);
        if (options.withoutPollBudget) Object.defineProperty(ctx, 'getPollBudgetMs', { value: undefined });
        return (await type.poll!.call(ctx)) ?? null;
      },
    };
  }
}


