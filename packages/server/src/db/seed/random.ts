/**
 * A small seeded pseudo-random generator (mulberry32) so the demo data is
 * reproducible: the same seed gives the same rows, uuids included.
 * Not for anything security-related.
 */

/** mulberry32: 32-bit state, good enough spread for test data, tiny and fast. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** FNV-1a over the label, mixed with the parent seed: independent streams per purpose. */
function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A new shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** RFC 4122 version-4 uuid built from this stream. */
  uuid(): string;
  /**
   * An independent stream for one purpose, so adding draws in one part of the
   * generator does not shift every value generated after it.
   */
  fork(label: string): Random;
};

export function createRandom(seed: number): Random {
  const nextUint = mulberry32(seed);
  const next = () => nextUint() / 4294967296;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const random: Random = {
    next,
    uint32: nextUint,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = tmp;
      }
      return copy;
    },
    uuid(): string {
      const b: number[] = [];
      for (let i = 0; i < 4; i++) {
        const n = nextUint();
        b.push(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
      }
      b[6] = ((b[6] as number) & 0x0f) | 0x40; // version 4
      b[8] = ((b[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
      const h = b.map((x) => hex[x] as string);
      return (
        h.slice(0, 4).join('') +
        '-' +
        h.slice(4, 6).join('') +
        '-' +
        h.slice(6, 8).join('') +
        '-' +
        h.slice(8, 10).join('') +
        '-' +
        h.slice(10, 16).join('')
      );
    },
    fork: (label) => createRandom(deriveSeed(seed, label)),
  };
  return random;
}
