/** Medians and spreads of the bench's ratios. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

export const formatSpread = (s: Spread | null) =>
  s ? `${s.median.toFixed(2)} [${s.min.toFixed(2)}–${s.max.toFixed(2)}]` : '–';
