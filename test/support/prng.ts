/** A seeded PRNG (mulberry32) and the two ways the random conformance generator draws from it; the benchmarks' traffic uses it too (no Math.random anywhere). */
/** mulberry32: a small, well-mixed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** Picks by weight: [[weight, value], …]. */
export const weighted = <T>(r: Rand, xs: readonly [number, T][]): T => {
  let x = r() * xs.reduce((s, [w]) => s + w, 0);
  for (const [w, v] of xs) if ((x -= w) < 0) return v;
  return xs[xs.length - 1]![1];
};
