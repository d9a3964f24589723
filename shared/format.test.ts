import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatMbps,
  formatMs,
  formatNumber,
  formatPercent,
  formatPerSecond,
  formatRps,
  formatSimTime,
  NO_DATA,
} from './format';

describe('number formatting (shared/format.ts)', () => {
  it('writes latency in three significant figures, in seconds from a second up', () => {
    expect(formatMs(0.1234)).toBe('0.123 ms');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(12)).toBe('12 ms');
    expect(formatMs(123.4)).toBe('123 ms');
    expect(formatMs(999.6)).toBe('1 s');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(1_234_567)).toBe('1,235 s');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('writes rates with k and M above a thousand', () => {
    expect(formatRps(4.56)).toBe('4.56 rps');
    expect(formatRps(200)).toBe('200 rps');
    expect(formatRps(1234)).toBe('1.23k rps');
    expect(formatRps(12_345)).toBe('12.3k rps');
    expect(formatRps(2_500_000)).toBe('2.5M rps');
    expect(formatPerSecond(12.34)).toBe('12.3/s');
    expect(formatMbps(6.789)).toBe('6.79 Mbit/s');
    expect(formatMbps(1234)).toBe('1.23k Mbit/s');
    expect(formatMbps(6.789, 'compact')).toBe('6.79');
  });

  it('writes counts exactly in full and in three figures compact', () => {
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(12_345, 'compact')).toBe('12.3k');
    expect(formatCount(3.6)).toBe('4');
    expect(formatCount(1_234_567, 'compact')).toBe('1.23M');
  });

  it('drops the unit in the compact form (axes and table columns say it once)', () => {
    expect(formatMs(12.34, 'compact')).toBe('12.3');
    expect(formatMs(1234, 'compact')).toBe('1.23k');
    expect(formatRps(1234, 'compact')).toBe('1.23k');
    expect(formatPerSecond(12.34, 'compact')).toBe('12.3');
    expect(formatNumber(0.256)).toBe('0.256');
    expect(formatNumber(0.00123)).toBe('0.00123');
    expect(formatNumber(0.000123)).toBe('1.23e-4');
    expect(formatNumber(-2e-9)).toBe('-2e-9');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
  });

  it('writes shares as whole percentages, one decimal below 10% and just short of 100%', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0001)).toBe('<0.1%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(0.01)).toBe('1%');
    expect(formatPercent(0.053)).toBe('5.3%');
    expect(formatPercent(0.823)).toBe('82%');
    expect(formatPercent(0.9996)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('writes sim time as seconds under a minute, minutes:seconds above; whole seconds compact', () => {
    expect(formatSimTime(42_340)).toBe('42.3 s');
    expect(formatSimTime(125_000)).toBe('2:05.0');
    expect(formatSimTime(45_000, 'compact')).toBe('45s');
    expect(formatSimTime(120_000, 'compact')).toBe('2:00');
  });

  it('writes no data as the em dash, never as zero', () => {
    for (const missing of [NaN, Infinity, -Infinity, null, undefined]) {
      expect(formatMs(missing)).toBe('—');
      expect(formatMs(missing, 'compact')).toBe('—');
      expect(formatRps(missing)).toBe('—');
      expect(formatPerSecond(missing)).toBe('—');
      expect(formatCount(missing)).toBe('—');
      expect(formatPercent(missing)).toBe('—');
      expect(formatSimTime(missing)).toBe('—');
      expect(formatNumber(missing)).toBe('—');
    }
    expect(NO_DATA).toBe('\u2014');
  });
});
