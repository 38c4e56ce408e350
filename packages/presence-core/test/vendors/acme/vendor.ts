import { freshPresence, freshStatus } from '../../../src/presence-templates';
import { mappedState } from '../../../src/mapping';
import { parseRecord } from '../../../src/vendors/contract';
import type { VendorDefinition } from '../../../src/vendors/definition';
import type { AgentPresence, PresenceState, VendorId } from '../../../src/model';
import type { NormalizeContext } from '../../../src/normalize-context';
import { createAcmeClient } from './client';
import { AcmeErrorSchema, AcmePresenceSchema, type AcmeStatus } from './schemas';

/** The shipped VendorId names only shipped vendors; a test vendor's id is one by registration. */
export const acme = 'acme' as VendorId;

const kindStates: Record<AcmeStatus['kind'], PresenceState> = { open: 'available', engaged: 'busy', paused: 'away', gone: 'offline' };

export function acmeState(status: AcmeStatus, context: NormalizeContext = {}): PresenceState {
  return mappedState({ id: status.code, name: status.label, category: status.kind }, context.mapping) ?? kindStates[status.kind];
}

function normalizeAcmePresence(record: unknown, context: NormalizeContext = {}): AgentPresence {
  const r = parseRecord(acme, AcmePresenceSchema, record);
  const presence = freshPresence(acme, r.agent, acmeState(r.status, context), freshStatus(r.status.code, r.status.label, r.status.kind), r.since ?? null);
  if (context.includeRaw) presence.raw = record;
  return presence;
}

export const acmeVendor = {
  id: 'acme',
  displayName: 'Acme Presence',
  ids: {
    agent: { name: 'valid Acme agent id', pattern: 'ag-[0-9]{1,6}', example: 'ag-42', hint: 'Acme agent ids are "ag-" and digits, e.g. "ag-42".', form: 'ag- and digits, e.g. ag-42' },
    status: { name: 'valid Acme status code', pattern: '[A-Z]{2,8}', example: 'BRK', hint: 'Pick a status from the list, or give its code from Status > Get Many.', form: 'capital letters, e.g. BRK' },
  },
  reads: { per: 'chunk', size: 3 },
  defaultConcurrency: 2,
  hosts: {
    regions: [{ id: 'north', name: 'North' }, { id: 'south', name: 'South' }],
    defaultRegion: 'north',
    apiBaseUrl: (region) => `https://${region}.api.acme.test`,
    tokenUrl: (region, account) => `https://${account}.login.acme.test/${region}/token`,
  },
  normalize: (record, context) => normalizeAcmePresence(record, context),
  parseError: (body) => {
    const r = AcmeErrorSchema.safeParse(body);
    return r.success ? { code: r.data.error.code, message: r.data.error.text } : undefined;
  },
  createClient: (options) => createAcmeClient(options),
} satisfies VendorDefinition<'acme', 'north' | 'south'>;
