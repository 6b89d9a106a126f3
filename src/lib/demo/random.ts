/**
 * A small seeded PRNG (sfc32) and the draws the demo office needs. Same seed, same
 * sequence, on every machine: the demo never touches Math.random() or the clock.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** 32 random bits as an unsigned integer. */
  uint32(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `items`, each as likely as its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
  /** A Poisson-distributed count with the given mean (the number of requests in a day). */
  poisson(mean: number): number;
  /** A time (ms) in [from, to). */
  between(from: number, to: number): number;
}

/** 32-bit string hash (cyrb53 folded): derives independent streams from one seed. */
export function hashSeed(...parts: (string | number)[]): number {
  const text = parts.join('\u0000');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/**
 * A stream for one purpose: `random(seed, 'person')`. Each part of the demo draws from
 * its own stream, so a later issue that adds records does not shift the ones before it.
 */
export function random(...parts: (string | number)[]): Random {
  const s = hashSeed(...parts);
  let a = s ^ 0x9e3779b9;
  let b = Math.imul(s, 0x85ebca6b) >>> 0;
  let c = Math.imul(s ^ (s >>> 15), 0xc2b2ae35) >>> 0;
  let d = 1;
  const uint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator)
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32(); // warm up: the first outputs of sfc32 are weak
  const next = () => uint32() / 4294967296;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    uint32,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(items) {
      // Index loops: this runs a few million times for the large office.
      let total = 0;
      for (let i = 0; i < items.length; i++) total += items[i][1];
      let x = next() * total;
      for (let i = 0; i < items.length; i++) {
        x -= items[i][1];
        if (x < 0) return items[i][0];
      }
      return items[items.length - 1][0];
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    poisson(mean) {
      // Knuth's method; the demo's daily means stay well below 100.
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    between: (from, to) => from + Math.floor(next() * (to - from))
  };
}
