import { describe, expect, it } from 'vitest';
import { PostureChecker } from '../techniques/posture/checker';
import { SEATED, sampleFrontFrames } from '../testing/synthetic-front';
import { DeskWatch, parseBreakEverySeconds, type DeskOutput, type DeskReminder } from './desk-watch';

const at = (tMs: number, phase: string, uprightMs: number, slouchedMs = 0, events: DeskOutput['events'] = []): DeskOutput => ({ tMs, phase, uprightMs, slouchedMs, events });

describe('DeskWatch', () => {
  it('offers a break every N minutes of desk time, upright or slouched', () => {
    const watch = new DeskWatch({ breakEveryMs: 10_000 });
    const reminders: DeskReminder[] = [];
    for (let t = 0; t <= 30_000; t += 500) reminders.push(...watch.step(at(t, t < 15_000 ? 'upright' : 'slouched', Math.min(t, 15_000), Math.max(0, t - 15_000))));
    expect(reminders.map((r) => [r.kind, r.tMs])).toEqual([
      ['break', 10_000],
      ['break', 20_000],
      ['break', 30_000],
    ]);
  });

  it('time away from the desk does not count, and a long absence is a break already', () => {
    const watch = new DeskWatch({ breakEveryMs: 10_000, awayResetMs: 3000 });
    const reminders: DeskReminder[] = [];
    // 8 s at the desk, 4 s away (desk time stands still), then 8 s more.
    for (let t = 0; t <= 8000; t += 500) reminders.push(...watch.step(at(t, 'upright', t)));
    for (let t = 8500; t <= 12_000; t += 500) reminders.push(...watch.step(at(t, 'out-of-frame', 8000)));
    for (let t = 12_500; t <= 20_000; t += 500) reminders.push(...watch.step(at(t, 'upright', 8000 + t - 12_000)));
    expect(reminders).toEqual([]);
    // A short absence (under 3 s) keeps the count going.
    const short = new DeskWatch({ breakEveryMs: 10_000, awayResetMs: 3000 });
    const more: DeskReminder[] = [];
    for (let t = 0; t <= 8000; t += 500) more.push(...short.step(at(t, 'upright', t)));
    for (let t = 8500; t <= 9500; t += 500) more.push(...short.step(at(t, 'out-of-frame', 8000)));
    for (let t = 10_000; t <= 13_000; t += 500) more.push(...short.step(at(t, 'upright', 8000 + t - 9500)));
    expect(more.map((r) => r.kind)).toEqual(['break']);
  });

  it('passes on the sustained-slouch alert of the real checker, at a desk-watch frame rate', () => {
    // Upright 5 s (calibrates), then head down 30° for 20 s; alert after 10 s of slouch.
    const frames = sampleFrontFrames(SEATED, { headDropDeg: [[0, 0], [5000, 0], [5500, 30], [25_000, 30]] }, 25_000, { fps: 3 });
    const checker = new PostureChecker({ alertAfterMs: 10_000 });
    const watch = new DeskWatch({ breakEveryMs: 60 * 60_000 });
    const reminders = frames.flatMap((frame) => watch.step(checker.step(frame)));
    expect(reminders.map((r) => r.kind)).toEqual(['slouch']);
    expect(reminders[0]!.tMs).toBeGreaterThan(5500 + 3000 + 10_000 - 400);
  });
});

describe('parseBreakEverySeconds', () => {
  it('takes a positive number of seconds, else nothing', () => {
    expect(parseBreakEverySeconds('15')).toBe(15);
    expect(parseBreakEverySeconds('0.5')).toBe(0.5);
    for (const bad of [null, '', '0', '-3', 'soon']) expect(parseBreakEverySeconds(bad)).toBeUndefined();
  });
});
