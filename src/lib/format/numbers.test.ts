import { describe, expect, it } from 'vitest';
import { formatDuration, formatMetric, formatSeconds, formatTimeLeft, roundMetric, roundSeconds, roundTo, wholePercent } from './numbers';

describe('number formatting', () => {
  it('rounds half away from zero, never to −0', () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
    expect(roundTo(1e-9, 1)).toBe(0);
    expect(roundTo(12, 0)).toBe(12);
  });

  it('metric values keep one decimal, with the unit written the way people read it', () => {
    expect(roundMetric(41.23456)).toBe(41.2);
    expect(formatMetric(43, '°')).toBe('43°');
    expect(formatMetric(12.46, '%')).toBe('12.5%');
    expect(formatMetric(0.4, 'ratio')).toBe('0.4 ratio');
    expect(formatMetric(-7.25, '')).toBe('-7.3');
  });

  it('holds in seconds with one decimal; session lengths in whole seconds', () => {
    expect(roundSeconds(6249)).toBe(6.2);
    expect(formatSeconds(6249)).toBe('6.2 s');
    expect(formatSeconds(5000)).toBe('5.0 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('shares as whole percents', () => {
    expect(wholePercent(0.456)).toBe(46);
    expect(wholePercent(0.5)).toBe(50);
  });
});

describe('formatTimeLeft', () => {
  it('says a few seconds, then five-second steps, then minutes', () => {
    expect(formatTimeLeft(0)).toBe('a few seconds left');
    expect(formatTimeLeft(7.9)).toBe('a few seconds left');
    expect(formatTimeLeft(8)).toBe('about 10 s left');
    expect(formatTimeLeft(42)).toBe('about 40 s left');
    expect(formatTimeLeft(59)).toBe('about 60 s left');
    expect(formatTimeLeft(100)).toBe('about 2 min left');
    expect(formatTimeLeft(600)).toBe('about 10 min left');
  });
});
