import { InputError } from './errors';
import type { VendorId } from './model';
import type { IdRule } from './vendors/definition';
import { vendorDefinition } from './vendors/registry';

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A single id as text: numbers (safe integers only) are accepted, lists and objects are not. */
function asIdText(value: unknown, field: string, vendor: VendorId, example: string): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InputError(field, `${value} is not exact as a number`, `Pass the id as text, e.g. "${example}", so no digit is lost.`, vendor);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new InputError(field, `must be one id, got ${describe(value)}`, `Give a single id such as "${example}"; to act on many, use Get Many.`, vendor);
  }
  const text = value.trim();
  if (text === '') throw new InputError(field, 'is empty', `Give an id such as "${example}".`, vendor);
  return text;
}

/** Each rule's pattern, compiled once and anchored. */
const compiled = new WeakMap<IdRule, RegExp>();
function matcherOf(rule: IdRule): RegExp {
  let re = compiled.get(rule);
  if (!re) {
    re = new RegExp(`^(?:${rule.pattern})$`);
    compiled.set(rule, re);
  }
  return re;
}

/** Checks one id against a vendor's rule; returns it as exact text. Throws InputError naming the field. */
export function checkId(rule: IdRule, vendor: VendorId, value: unknown, field: string): string {
  const text = asIdText(value, field, vendor, rule.example);
  if (!matcherOf(rule).test(text) || (rule.fits !== undefined && !rule.fits(text))) {
    throw new InputError(field, `"${text}" is not a ${rule.name}`, rule.hint, vendor);
  }
  return text;
}

/** Checks an agent id the vendor's way; returns it as exact text. Throws InputError naming the field. */
export function validateAgentId(vendor: VendorId, value: unknown, field = 'agentId'): string {
  return checkId(vendorDefinition(vendor).ids.agent, vendor, value, field);
}

/** Checks a status id the vendor's way (Cirrus activity id, Vonage presenceId, Talkdesk status or custom status id). */
export function validateStatusId(vendor: VendorId, value: unknown, field = 'statusId'): string {
  return checkId(vendorDefinition(vendor).ids.status, vendor, value, field);
}

/**
 * Encodes one path segment. Validation already keeps ids to safe characters;
 * this is the second wall, so a segment can never climb or split the path.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') throw new InputError('path', `"${value}" cannot be a path segment`, 'Give a real id.');
  return encodeURIComponent(value);
}
