/**
 * Seeded pseudo-random numbers (mulberry32) and stable hashing, so that the same
 * seed always produces the same world, schedule and fault decisions.
 */

// Module-level aliases: global lookups are slow inside vm contexts (e.g. under jest).
const imul = Math.imul;
const floor = Math.floor;

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next uint32. */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `n` lowercase hex characters. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += hex32(this.u32());
    return s.length === n ? s : s.slice(0, n);
  }

  /** A random (version 4 layout) lowercase GUID. */
  guid(): string {
    return formatUuid(this.u32(), this.u32(), this.u32(), this.u32());
  }
}

/** 32-bit finaliser from MurmurHash3. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stable 32-bit hash of numbers and strings (order matters). */
export function hash32(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // mix the value as two 32-bit halves so large integers (e.g. seq) still differ
      const lo = part >>> 0;
      const hi = floor(part / 4294967296) >>> 0;
      h = fmix32(h ^ lo) ^ hi;
      h = imul(h, 0x01000193);
    } else {
      for (let i = 0; i < part.length; i++) h = imul(h ^ part.charCodeAt(i), 0x01000193);
      h = fmix32(h ^ part.length);
    }
  }
  return fmix32(h);
}

/** Deterministic GUID derived from a hash of the parts. */
export function hashUuid(...parts: Array<number | string>): string {
  const h = hash32(...parts);
  const r = new Rng(h);
  return formatUuid(r.u32(), r.u32(), r.u32(), r.u32());
}

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 lowercase hex digits of a uint32. */
export function hex32(n: number): string {
  return BYTE_HEX[(n >>> 24) & 255]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

/** Format 128 bits as a version-4 style GUID (version nibble 4, variant 10xx). */
function formatUuid(a: number, b: number, c: number, d: number): string {
  const h = BYTE_HEX;
  return (
    h[(a >>> 24) & 255]! + h[(a >>> 16) & 255]! + h[(a >>> 8) & 255]! + h[a & 255]! + '-' +
    h[(b >>> 24) & 255]! + h[(b >>> 16) & 255]! + '-' +
    h[((b >>> 8) & 15) | 64]! + h[b & 255]! + '-' +
    h[((c >>> 24) & 63) | 128]! + h[(c >>> 16) & 255]! + '-' +
    h[(c >>> 8) & 255]! + h[c & 255]! + h[(d >>> 24) & 255]! + h[(d >>> 16) & 255]! + h[(d >>> 8) & 255]! + h[d & 255]!
  );
}
