import { describe, expect, it } from 'vitest';
import { ballTimerAt } from './ball-timer';

describe('ballTimerAt', () => {
  it('left side first, then right, then done', () => {
    expect(ballTimerAt(0, 60_000)).toEqual({ phase: 'left', remainingMs: 60_000 });
    expect(ballTimerAt(59_999, 60_000)).toEqual({ phase: 'left', remainingMs: 1 });
    expect(ballTimerAt(60_000, 60_000)).toEqual({ phase: 'right', remainingMs: 60_000 });
    expect(ballTimerAt(90_000, 60_000)).toEqual({ phase: 'right', remainingMs: 30_000 });
    expect(ballTimerAt(120_000, 60_000)).toEqual({ phase: 'done', remainingMs: 0 });
    expect(ballTimerAt(-5, 60_000).phase).toBe('left');
  });
});
