// Only vendors/registry.ts imports this file (lint enforces it). The functions below are
// wrappers, not references: the client imports code that looks vendors up in the registry,
// so this file may be evaluated while the client module is still loading.
import type { VendorDefinition } from '../definition';
import { createCirrusClient } from './client';
import { parseCirrusError } from './errors';
import { cirrusHosts } from './hosts';
import { cirrusIds } from './ids';
import { normalizeCirrusPresence } from './normalize';

export const cirrusVendor = {
  id: 'cirrus',
  displayName: 'Cirrus',
  ids: cirrusIds,
  // No batch read: GET /managers/{id}/presence per agent.
  reads: { per: 'agent' },
  defaultConcurrency: 32,
  hosts: cirrusHosts,
  normalize: (record, context) => normalizeCirrusPresence(record, context),
  parseError: (body) => parseCirrusError(body),
  createClient: (options) => createCirrusClient(options),
} satisfies VendorDefinition<'cirrus', never>;
