// A small seeded PRNG (xoshiro128**, seeded by splitmix32) and the distributions the simulation draws from.
// Never Math.random: the same seed must give the same county, byte for byte.
import type { AgeBands, DurationHistogram, Weights } from '../config/generator-config';

const TWO_TO_32 = 4294967296;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit hash of a text (FNV-1a), to turn a text seed or a stream label into a number. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** `label` gives independent streams from one seed (the simulation's choices, the event ids). */
  constructor(seed: number, label = '') {
    const next = splitmix32((seed ^ hashText(label)) >>> 0);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_TO_32;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** A whole number in [low, high]. */
  intBetween(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  between(low: number, high: number): number {
    return low + this.next() * (high - low);
  }

  /** Standard normal (Box-Muller, the second value kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson: by multiplication for small means, a rounded normal for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; product *= this.next()) count += 1;
    return count;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

function rotl(value: number, shift: number): number {
  return ((value << shift) | (value >>> (32 - shift))) >>> 0;
}

/** A weighted choice among codes, prepared once: drawing is a short scan of cumulative weights. */
export class WeightedChoice<C extends string> {
  private readonly codes: C[] = [];
  private readonly cumulative: number[] = [];

  constructor(weights: Weights<C>) {
    let total = 0;
    for (const [code, weight] of Object.entries(weights) as [C, number][]) {
      if (!(weight > 0)) continue;
      total += weight;
      this.codes.push(code);
      this.cumulative.push(total);
    }
    if (total === 0) throw new RangeError('A weighted choice needs at least one positive weight');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= total;
  }

  draw(random: SeededRandom): C {
    const u = random.next();
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]) return this.codes[i];
    return this.codes[this.codes.length - 1];
  }
}

/** Durations drawn from a histogram of bands, uniform within a band; or length-biased, as a stock open on a date sees them. */
export class DurationDistribution {
  private readonly bands: { from: number; to: number; share: number; biased: number }[];

  constructor(histogram: DurationHistogram) {
    let from = 0;
    let total = 0;
    let biasedTotal = 0;
    this.bands = histogram.map((band) => {
      const entry = { from, to: band.uptoDays, share: band.share, biased: band.share * ((from + band.uptoDays) / 2) };
      total += band.share;
      biasedTotal += entry.biased;
      from = band.uptoDays;
      return entry;
    });
    for (const band of this.bands) {
      band.share /= total;
      band.biased /= biasedTotal;
    }
  }

  /** Mean duration in days. */
  get meanDays(): number {
    return this.bands.reduce((sum, band) => sum + band.share * ((band.from + band.to) / 2), 0);
  }

  /** A duration in whole days (at least 1). */
  draw(random: SeededRandom): number {
    const band = this.band(random, 'share');
    return Math.max(1, Math.round(random.between(band.from, band.to)));
  }

  /** The total length of something open on a given day (longer things are more likely to be open): density ∝ length. */
  drawLengthBiased(random: SeededRandom): number {
    const band = this.band(random, 'biased');
    const u = random.next();
    return Math.max(1, Math.round(Math.sqrt(band.from * band.from + u * (band.to * band.to - band.from * band.from))));
  }

  private band(random: SeededRandom, key: 'share' | 'biased') {
    let u = random.next();
    for (const band of this.bands) {
      if (u < band[key]) return band;
      u -= band[key];
    }
    return this.bands[this.bands.length - 1];
  }
}

/** An age in days drawn from age bands (uniform within a band). */
export function drawAgeDays(random: SeededRandom, bands: AgeBands): number {
  const total = bands.reduce((sum, band) => sum + band.share, 0);
  let u = random.next() * total;
  for (const band of bands) {
    if (u < band.share) return Math.floor(random.between(band.fromYears, band.toYears) * 365.25);
    u -= band.share;
  }
  const last = bands[bands.length - 1];
  return Math.floor(random.between(last.fromYears, last.toYears) * 365.25);
}

/** The standard normal quantile (P. Acklam's rational approximation, relative error under 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const clamped = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  if (clamped < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(clamped));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (clamped > 1 - 0.02425) return -normalQuantile(1 - clamped);
  const q = clamped - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** The sigma of a lognormal with this median that puts `share` of draws at or below `limit`. */
export function logNormalSigma(median: number, limit: number, share: number): number {
  const z = normalQuantile(share);
  return z <= 0 || limit <= median ? 1 : Math.log(limit / median) / z;
}
