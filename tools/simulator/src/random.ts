/**
 * Seeded pseudo-random numbers (mulberry32) and stable hashing, so that the same
 * seed always produces the same world, schedule and fault decisions.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next uint32. */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `n` lowercase hex characters. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.u32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  /** A random (version 4 layout) lowercase GUID. */
  guid(): string {
    return formatUuid(this.u32(), this.u32(), this.u32(), this.u32());
  }
}

/** 32-bit finaliser from MurmurHash3. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
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
      const hi = Math.floor(part / 4294967296) >>> 0;
      h = fmix32(h ^ lo) ^ hi;
      h = Math.imul(h, 0x01000193);
    } else {
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
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

function formatUuid(a: number, b: number, c: number, d: number): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const s = hex(a) + hex(b) + hex(c) + hex(d);
  const variant = '89ab'[parseInt(s[16] ?? '0', 16) & 3];
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
