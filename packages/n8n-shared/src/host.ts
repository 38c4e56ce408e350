import { NodeOperationError, type INode, type IPollFunctions } from 'n8n-workflow';

/**
 * What our nodes take from the n8n that runs them, checked before use. The packages claim
 * `n8n-workflow: "*"`, so a user may install them into any n8n: on one too old, a node must
 * say which n8n it needs rather than fail with "x is not a function".
 */

/** The oldest n8n the packages support (the maintained 1.x line; npm run test:compat runs it). */
export const oldestN8n = '1.123.0';

/**
 * How long one poll may run where n8n does not say (`getPollBudgetMs` exists from n8n 2.38.0).
 * Those hosts put no limit on a poll, and the shortest interval they allow is one minute: a
 * poll that ends within 45 s never overlaps the next one, and a sweep too long for it goes on
 * from its cursor at the next poll.
 */
export const fallbackPollBudgetMs = 45_000;

/** Host methods each kind of node run uses; `helpers.x` names a helper. */
export const hostApis = {
  execute: ['getInputData', 'getNodeParameter', 'getNode', 'getCredentials', 'continueOnFail', 'helpers.httpRequestWithAuthentication'],
  poll: ['getNodeParameter', 'getNode', 'getMode', 'getWorkflowStaticData', 'getCredentials', 'helpers.httpRequestWithAuthentication'],
  loadOptions: ['getNode', 'getCredentials', 'helpers.httpRequestWithAuthentication'],
  hook: ['getNode', 'getWorkflow', 'getWorkflowStaticData', 'getNodeWebhookUrl', 'getCredentials', 'helpers.httpRequestWithAuthentication'],
  webhook: ['getNode', 'getNodeParameter', 'getWorkflowStaticData', 'getRequestObject', 'getResponseObject', 'getHeaderData'],
} as const;

function lookup(ctx: object, api: string): unknown {
  let value: unknown = ctx;
  for (const key of api.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The host methods among `apis` that `ctx` lacks. */
export function missingHostApis(ctx: object, apis: readonly string[]): string[] {
  return apis.filter((api) => typeof lookup(ctx, api) !== 'function');
}

/**
 * Refuses to run on an n8n that lacks one of `apis`, with a node error that names the
 * n8n version needed (a plain Error only where the host cannot even name the node).
 */
export function requireHostApis(ctx: object, apis: readonly string[]): void {
  const missing = missingHostApis(ctx, apis);
  if (missing.length === 0) return;
  const message = `This node needs n8n ${oldestN8n} or newer`;
  const description = `This n8n lacks ${missing.map((m) => `${m}()`).join(', ')}, which the node uses. Update n8n to ${oldestN8n} or newer.`;
  const getNode = (ctx as { getNode?: () => INode }).getNode;
  if (typeof getNode !== 'function') throw new Error(`${message}: ${description}`);
  throw new NodeOperationError(getNode.call(ctx), message, { description });
}

/** How long this poll may run: the host's budget, or fallbackPollBudgetMs where it has none. */
export function pollBudgetMs(ctx: IPollFunctions): number {
  const getBudget = (ctx as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
  if (typeof getBudget !== 'function') return fallbackPollBudgetMs;
  const budget = getBudget.call(ctx);
  return Number.isFinite(budget) && budget > 0 ? budget : fallbackPollBudgetMs;
}
