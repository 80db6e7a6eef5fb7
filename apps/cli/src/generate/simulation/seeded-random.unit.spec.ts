import { DurationDistribution, hashText, logNormalSigma, normalQuantile, SeededRandom, WeightedChoice } from './seeded-random';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and label, and another for another seed or label', () => {
    const draw = (seed: number, label: string) =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.nextUint32()
        )(new SeededRandom(seed, label)),
      );
    expect(draw(7, 'a')).toEqual(draw(7, 'a'));
    expect(draw(7, 'a')).not.toEqual(draw(8, 'a'));
    expect(draw(7, 'a')).not.toEqual(draw(7, 'b'));
  });

  it('draws uniform numbers in [0, 1) with the right mean', () => {
    const random = new SeededRandom(1);
    const values = Array.from({ length: 50_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('draws Poisson counts with the mean asked for, small and large', () => {
    const random = new SeededRandom(2);
    for (const mean of [0.7, 12, 1_700]) {
      const draws = Array.from({ length: 20_000 }, () => random.poisson(mean));
      expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(mean, mean > 100 ? -1 : 1);
    }
  });

  it('puts the configured share of a lognormal within a limit (how assessment durations are calibrated)', () => {
    const random = new SeededRandom(3);
    const sigma = logNormalSigma(33, 63.5, 0.86);
    const draws = Array.from({ length: 40_000 }, () => random.logNormal(33, sigma));
    expect(draws.filter((days) => days <= 63.5).length / draws.length).toBeCloseTo(0.86, 2);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
  });
});

describe('WeightedChoice and DurationDistribution', () => {
  it('draws codes in proportion to their weights', () => {
    const random = new SeededRandom(4);
    const choice = new WeightedChoice({ A: 1, B: 3, C: 0 });
    const draws = Array.from({ length: 40_000 }, () => choice.draw(random));
    expect(draws.filter((code) => code === 'B').length / draws.length).toBeCloseTo(0.75, 2);
    expect(draws).not.toContain('C');
  });

  it('draws durations by band, and length-biased ones as a stock open on a day sees them', () => {
    const random = new SeededRandom(5);
    const lengths = new DurationDistribution([
      { uptoDays: 100, share: 0.5 },
      { uptoDays: 300, share: 0.5 },
    ]);
    expect(lengths.meanDays).toBeCloseTo(125, 5);
    const plain = Array.from({ length: 40_000 }, () => lengths.draw(random));
    const biased = Array.from({ length: 40_000 }, () => lengths.drawLengthBiased(random));
    expect(plain.filter((days) => days <= 100).length / plain.length).toBeCloseTo(0.5, 1);
    // Open on a day, the long band holds 0.5 * 200 / (0.5 * 50 + 0.5 * 200) = 80% of the stock.
    expect(biased.filter((days) => days > 100).length / biased.length).toBeCloseTo(0.8, 1);
  });

  it('hashes texts to stable 32-bit numbers (text seeds, stream lanes)', () => {
    expect(hashText('demo')).toBe(hashText('demo'));
    expect(hashText('demo')).not.toBe(hashText('demo2'));
    expect(hashText('demo')).toBeLessThanOrEqual(0xffffffff);
  });
});
