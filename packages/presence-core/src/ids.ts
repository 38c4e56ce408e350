import { InputError } from './errors';
import type { VendorId } from './model';
import { talkdeskBaseStatuses } from './vendors/talkdesk/schemas';

const INT64_MAX = '9223372036854775807';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const talkdeskId = /^[A-Za-z0-9_-]{1,64}$/;

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

function isInt64Text(text: string): boolean {
  if (!/^[1-9]\d{0,18}$/.test(text)) return false;
  return text.length < 19 || text <= INT64_MAX;
}

const cirrusExample = '123456789';
const vonageExample = 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b';
const talkdeskExample = '5f9d1c3e8a4b2c0012345678';

/** Checks an agent id the vendor's way; returns it as exact text. Throws InputError naming the field. */
export function validateAgentId(vendor: VendorId, value: unknown, field = 'agentId'): string {
  switch (vendor) {
    case 'cirrus': {
      const text = asIdText(value, field, vendor, cirrusExample);
      if (!isInt64Text(text)) {
        throw new InputError(field, `"${text}" is not a Cirrus manager id`, `Cirrus ids are positive whole numbers up to ${INT64_MAX}, e.g. "${cirrusExample}".`, vendor);
      }
      return text;
    }
    case 'vonage': {
      const text = asIdText(value, field, vendor, vonageExample);
      if (!guid.test(text)) {
        throw new InputError(field, `"${text}" is not a Vonage user id`, `Vonage user ids are GUIDs, e.g. "${vonageExample}".`, vendor);
      }
      return text;
    }
    case 'talkdesk': {
      const text = asIdText(value, field, vendor, talkdeskExample);
      if (!talkdeskId.test(text)) {
        throw new InputError(field, `"${text}" is not a Talkdesk user id`, `Talkdesk user ids are letters and digits, e.g. "${talkdeskExample}".`, vendor);
      }
      return text;
    }
    default:
      throw new InputError('vendor', `"${String(vendor)}" is not supported`, 'Use cirrus, vonage or talkdesk.');
  }
}

/** Checks a status id the vendor's way (Cirrus activity id, Vonage presenceId, Talkdesk status or custom status id). */
export function validateStatusId(vendor: VendorId, value: unknown, field = 'statusId'): string {
  switch (vendor) {
    case 'cirrus': {
      const text = asIdText(value, field, vendor, '2');
      if (!isInt64Text(text)) {
        throw new InputError(field, `"${text}" is not a Cirrus presence type id`, 'Pick a status from the list, or give the numeric id from Status > Get Many.', vendor);
      }
      return text;
    }
    case 'vonage': {
      const text = asIdText(value, field, vendor, 'eaed6862-14fa-4114-be62-b8709b5d4a49');
      if (!guid.test(text)) {
        throw new InputError(field, `"${text}" is not a Vonage presence id`, 'Pick a status from the list, or give the presenceId GUID from Status > Get Many.', vendor);
      }
      return text;
    }
    case 'talkdesk': {
      const text = asIdText(value, field, vendor, 'away');
      if (!talkdeskId.test(text)) {
        throw new InputError(field, `"${text}" is not a Talkdesk status`, `Use ${talkdeskBaseStatuses.join(', ')} or a custom status id from Status > Get Many.`, vendor);
      }
      return text;
    }
    default:
      throw new InputError('vendor', `"${String(vendor)}" is not supported`, 'Use cirrus, vonage or talkdesk.');
  }
}

/**
 * Encodes one path segment. Validation already keeps ids to safe characters;
 * this is the second wall, so a segment can never climb or split the path.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') throw new InputError('path', `"${value}" cannot be a path segment`, 'Give a real id.');
  return encodeURIComponent(value);
}
