// Seeded randomness for the synthetic city: mulberry32 streams, one per domain, so adding a
// draw in one generator never shifts the numbers of another. No Math.random anywhere.

export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(list: readonly T[]): T[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the stream name mixed with the seed: independent streams per domain. */
function streamSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.floor(seed / 2 ** 32);
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
}

export function createRandom(seed: number, stream: string): Random {
  const next = mulberry32(streamSeed(seed, stream));
  return randomFrom(next, (min, max) => min + Math.floor(next() * (max - min + 1)));
}

/** The rest of {@link Random} on top of a uniform float and a uniform integer source. */
export function randomFrom(float: () => number, int: (min: number, max: number) => number): Random {
  return {
    float,
    int,
    between: (min, max) => min + float() * (max - min),
    chance: (p) => float() < p,
    pick: (list) => list[int(0, list.length - 1)]!,
    weighted(entries) {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let x = float() * total;
      for (const [value, w] of entries) {
        x -= w;
        if (x < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    shuffle(list) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

/**
 * Splits `total` into `parts` integers, each ≥ `min`, varying by about ±`spread` (a share of
 * the mean) and summing exactly to `total`.
 */
export function distribute(
  r: Random,
  total: number,
  parts: number,
  spread = 0.3,
  min = 1,
): number[] {
  if (parts <= 0) return [];
  if (total < parts * min) throw new Error(`cannot split ${total} into ${parts} parts ≥ ${min}`);
  const weights = Array.from({ length: parts }, () => 1 + (r.float() * 2 - 1) * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - parts * min;
  const out = weights.map((w) => min + Math.floor((free * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i]!++;
  return out;
}

/** Splits `total` in proportion to `weights` (largest remainder), each part ≥ `min`. */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  if (total < n * min) throw new Error(`cannot split ${total} into ${n} parts ≥ ${min}`);
  const free = total - n * min;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (free * w) / sum);
  const out = exact.map((x) => min + Math.floor(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) out[order[k]![1]]!++;
  return out;
}
