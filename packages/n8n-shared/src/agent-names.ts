import { createAgentDirectory, redactSecrets, type AgentDirectory, type AgentSummary, type PresenceClient } from '@agent-presence/presence-core';
import type { IExecuteFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { VendorConfig } from './vendor';

/**
 * One user list per account (vendor, API host and n8n credential), kept in this n8n process
 * between executions and polls, so that naming the agents of a Get, a Set or a delivery costs
 * no request per agent: the list is read once, then again only when old or missing an agent.
 * A trigger's sweep reads the list anyway and hands it over (`learn`).
 */
const directories = new Map<string, AgentDirectory>();
/** Accounts kept at once; the oldest goes first. */
const maxAccounts = 200;

type Context = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

export function directoryFor(ctx: Context, vendor: VendorConfig, client: PresenceClient): AgentDirectory {
  // The credential's id, never its data: the key must hold no secret.
  const credential = ctx.getNode().credentials?.[vendor.credentialType];
  const key = `${vendor.id} ${client.baseUrl} ${credential?.id ?? credential?.name ?? ''}`;
  let directory = directories.get(key);
  if (!directory) {
    if (directories.size >= maxAccounts) directories.delete(directories.keys().next().value as string);
    directory = createAgentDirectory();
    directories.set(key, directory);
  }
  return directory;
}

/**
 * The directory, read first if it lacks `agentIds` or is old. Names are a help, not the job:
 * a user list that cannot be read (e.g. a credential without its scope) leaves names null,
 * with a warning in n8n's log, rather than failing a presence that was read.
 */
export async function agentsFor(
  ctx: Context,
  vendor: VendorConfig,
  client: PresenceClient,
  agentIds: readonly string[],
  options: { deadline?: number } = {},
): Promise<(agentId: string) => AgentSummary | undefined> {
  const directory = directoryFor(ctx, vendor, client);
  try {
    await directory.ensure(agentIds, () => client.listAgents({ deadline: options.deadline }));
  } catch (error) {
    ctx.logger.warn(`${vendor.displayName}: the user list could not be read, so agents are not named: ${redactSecrets(error instanceof Error ? error.message : String(error))}`);
  }
  return (agentId) => directory.get(agentId);
}
