import { InputError } from './errors';
import type { AgentPresence, ProviderId } from './model';
import type { NormalizeContext } from './normalize-context';
import { normalizeCirrusPresence } from './providers/cirrus/normalize';
import { normalizeTalkdeskPresence } from './providers/talkdesk/normalize';
import { normalizeVonagePresence } from './providers/vonage/normalize';

const normalizers: Record<ProviderId, (record: unknown, context?: NormalizeContext) => AgentPresence> = {
  cirrus: normalizeCirrusPresence,
  vonage: normalizeVonagePresence,
  talkdesk: normalizeTalkdeskPresence,
};

/**
 * One vendor presence record, as the vendor returns it, into the common shape.
 * An unknown vendor value gives state "unknown"; a record that breaks the
 * vendor's contract throws a ContractError naming the field.
 */
export function normalizePresence(provider: ProviderId, record: unknown, context: NormalizeContext = {}): AgentPresence {
  const normalize = Object.hasOwn(normalizers, provider) ? normalizers[provider] : undefined;
  if (!normalize) throw new InputError('provider', `"${String(provider)}" is not supported`, 'Use cirrus, vonage or talkdesk.');
  return normalize(record, context);
}
