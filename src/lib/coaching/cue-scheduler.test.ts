import { describe, it, expect } from 'vitest';
import type { Cue } from '../techniques/types';
import { CueScheduler, DEFAULT_CUE_SCHEDULER_OPTIONS, type CueSchedulerOptions } from './cue-scheduler';

const STEP_MS = 33;

const low: Cue = { id: 'low', text: 'Low', priority: 10 };
const mid: Cue = { id: 'mid', text: 'Mid', priority: 50 };
const midToo: Cue = { id: 'mid-too', text: 'Mid too', priority: 50 };
const high: Cue = { id: 'high', text: 'High', priority: 90 };

interface Row {
  tMs: number;
  shown: string | null;
  speak: string | null;
}

/**
 * Steps a scheduler over frames 0..frames-1 at 33 ms steps. `segments` are
 * [firstFrame, candidate] pairs: the candidate holds from that frame until the next segment.
 */
function drive(segments: readonly (readonly [number, Cue | null])[], frames: number, scheduler = new CueScheduler()): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < frames; i++) {
    let candidate: Cue | null = null;
    for (const [start, cue] of segments) if (start <= i) candidate = cue;
    const tMs = i * STEP_MS;
    const { shown, speak } = scheduler.step(candidate, tMs);
    rows.push({ tMs, shown: shown?.id ?? null, speak: speak?.id ?? null });
  }
  return rows;
}

/** The times at which `shown` changes, and to what (the first row counts if not null). */
function shownChanges(rows: Row[]): [number, string | null][] {
  const changes: [number, string | null][] = [];
  let previous: string | null = null;
  for (const row of rows) {
    if (row.shown !== previous) changes.push([row.tMs, row.shown]);
    previous = row.shown;
  }
  return changes;
}

function spoken(rows: Row[]): [number, string][] {
  return rows.filter((row) => row.speak !== null).map((row) => [row.tMs, row.speak!]);
}

describe('CueScheduler defaults', () => {
  it('settles for 400 ms, shows for at least 2.5 s and waits 8 s to repeat', () => {
    expect(DEFAULT_CUE_SCHEDULER_OPTIONS).toEqual({ settleMs: 400, minShowMs: 2500, repeatCooldownMs: 8000 });
  });
});

describe('CueScheduler settling', () => {
  it('shows a candidate only once it has persisted settleMs (400 ms: the frame at 429 ms)', () => {
    const rows = drive([[0, mid]], 20);
    // 396 ms after the first sighting is not enough; 429 ms is.
    expect(rows[12]).toEqual({ tMs: 396, shown: null, speak: null });
    expect(rows[13]).toEqual({ tMs: 429, shown: 'mid', speak: 'mid' });
    expect(shownChanges(rows)).toEqual([[429, 'mid']]);
    expect(rows.slice(0, 13).every((row) => row.shown === null)).toBe(true);
  });

  it('counts the settle time from the first frame of the candidate, not from time 0', () => {
    const rows = drive([[0, null], [10, mid]], 40); // mid from 330 ms
    expect(shownChanges(rows)).toEqual([[759, 'mid']]); // 726 − 330 = 396 < 400; 759 − 330 = 429
  });

  it('never shows a one-frame glitch', () => {
    const rows = drive([[0, null], [5, high], [6, null]], 200);
    expect(rows.every((row) => row.shown === null && row.speak === null)).toBe(true);
  });

  it('a one-frame glitch of another cue restarts the settle timer', () => {
    // mid from 0, a one-frame high at frame 6 (198 ms), mid again from frame 7 (231 ms).
    const rows = drive([[0, mid], [6, high], [7, mid]], 40);
    // Settles 400 ms after 231 ms: 627 < 631 → frame 20 (660 ms).
    expect(shownChanges(rows)).toEqual([[660, 'mid']]);
    expect(rows.some((row) => row.shown === 'high')).toBe(false);
  });

  it('a candidate that flips every frame is never shown', () => {
    const segments: [number, Cue][] = [];
    for (let i = 0; i < 300; i++) segments.push([i, i % 2 === 0 ? mid : high]);
    const rows = drive(segments, 300);
    expect(rows.every((row) => row.shown === null)).toBe(true);
  });
});

describe('CueScheduler minimum show time and priority', () => {
  it('a higher-priority cue replaces the shown one as soon as it has settled, before minShowMs', () => {
    // mid shown at 429; high from frame 20 (660 ms) settles at 1060 → frame 33 (1089 ms).
    const rows = drive([[0, mid], [20, high]], 60);
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [1089, 'high'],
    ]);
    expect(spoken(rows)).toEqual([
      [429, 'mid'],
      [1089, 'high'],
    ]);
    // Between 660 and 1056 ms the unsettled high cue does not disturb the shown one.
    expect(rows.slice(20, 33).every((row) => row.shown === 'mid')).toBe(true);
  });

  it('a lower-priority cue waits until the shown one has had minShowMs', () => {
    // mid shown at 429; low from 660 ms has settled by 1089 ms but must wait until
    // 429 + 2500 = 2929 → frame 89 (2937 ms).
    const rows = drive([[0, mid], [20, low]], 120);
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [2937, 'low'],
    ]);
    expect(rows[88]).toEqual({ tMs: 2904, shown: 'mid', speak: null });
    expect(rows[89]).toEqual({ tMs: 2937, shown: 'low', speak: 'low' });
  });

  it('an equal-priority cue also waits for minShowMs', () => {
    const rows = drive([[0, mid], [20, midToo]], 120);
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [2937, 'mid-too'],
    ]);
  });

  it('a lower-priority cue that has settled but not yet waited is dropped if it goes away', () => {
    // low from 660 to 1650 ms (settled, but mid has not had its 2.5 s yet), then mid again.
    const rows = drive([[0, mid], [20, low], [50, mid]], 150);
    expect(shownChanges(rows)).toEqual([[429, 'mid']]);
    expect(spoken(rows)).toEqual([[429, 'mid']]);
  });

  it('a null candidate clears the shown cue only after minShowMs', () => {
    // mid shown at 429; null from 660 ms; cleared at 429 + 2500 = 2929 → frame 89 (2937 ms).
    const rows = drive([[0, mid], [20, null]], 120);
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [2937, null],
    ]);
    expect(rows[88]!.shown).toBe('mid');
    expect(rows.slice(89).every((row) => row.shown === null && row.speak === null)).toBe(true);
  });

  it('after minShowMs, "no cue" must still settle before the cue is cleared', () => {
    // mid shown at 429 and kept; null from frame 100 (3300 ms); settled 400 ms later → 3729.
    const rows = drive([[0, mid], [100, null]], 120);
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [3729, null],
    ]);
  });

  it('a single frame without a cue does not blank the screen', () => {
    const rows = drive([[0, mid], [100, null], [101, mid]], 140);
    expect(shownChanges(rows)).toEqual([[429, 'mid']]);
    expect(spoken(rows)).toEqual([[429, 'mid']]);
  });
});

describe('CueScheduler speech', () => {
  it('sets speak only on the frame a cue is first shown', () => {
    const rows = drive([[0, mid]], 200);
    expect(spoken(rows)).toEqual([[429, 'mid']]);
    expect(rows.filter((row) => row.shown === 'mid')).toHaveLength(200 - 13);
  });

  it('does not speak the same cue again within repeatCooldownMs, but does after it', () => {
    const rows = drive(
      [
        [0, mid], //   shown and spoken at 429
        [20, null], // cleared at 2937 (429 + 2500)
        [100, mid], // from 3300: shown at 3729, 3300 ms after it was spoken → silent
        [120, null], // cleared at 6237 (3729 + 2500 = 6229)
        [260, mid], // from 8580: shown at 9009, 8580 ms after it was last spoken → spoken
      ],
      300,
    );
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [2937, null],
      [3729, 'mid'],
      [6237, null],
      [9009, 'mid'],
    ]);
    expect(spoken(rows)).toEqual([
      [429, 'mid'],
      [9009, 'mid'],
    ]);
  });

  it('the cooldown runs from when the cue was last spoken, not last shown', () => {
    // Small numbers to reach the boundary exactly: settle 0, show 0, cooldown 99.
    const options: CueSchedulerOptions = { settleMs: 0, minShowMs: 0, repeatCooldownMs: 99 };
    const rows = drive(
      [
        [0, mid], //  0 ms: shown + spoken
        [1, null], // 33 ms: cleared
        [2, mid], //  66 ms: shown, silent (66 < 99)
        [3, null], // 99 ms: cleared
        [4, mid], //  132 ms: shown, spoken (132 − 0 ≥ 99; the silent show at 66 does not count)
      ],
      5,
      new CueScheduler(options),
    );
    expect(rows).toEqual([
      { tMs: 0, shown: 'mid', speak: 'mid' },
      { tMs: 33, shown: null, speak: null },
      { tMs: 66, shown: 'mid', speak: null },
      { tMs: 99, shown: null, speak: null },
      { tMs: 132, shown: 'mid', speak: 'mid' },
    ]);
  });

  it('speaks at exactly repeatCooldownMs, not one frame before', () => {
    const options: CueSchedulerOptions = { settleMs: 0, minShowMs: 0, repeatCooldownMs: 66 };
    const rows = drive([[0, mid], [1, null], [2, mid]], 3, new CueScheduler(options));
    expect(spoken(rows)).toEqual([
      [0, 'mid'],
      [66, 'mid'],
    ]);
    const earlier = drive([[0, mid], [1, null], [2, mid]], 3, new CueScheduler({ ...options, repeatCooldownMs: 67 }));
    expect(spoken(earlier)).toEqual([[0, 'mid']]);
  });

  it('the cooldown is per cue id: a different cue is spoken at once', () => {
    const rows = drive([[0, mid], [20, high], [40, mid]], 200);
    // high replaces mid at 1089 (outranks); mid returns from 1320 and waits for high's
    // 2.5 s (1089 + 2500 = 3589 → frame 109, 3597 ms); it was spoken at 429, so it is silent.
    expect(shownChanges(rows)).toEqual([
      [429, 'mid'],
      [1089, 'high'],
      [3597, 'mid'],
    ]);
    expect(spoken(rows)).toEqual([
      [429, 'mid'],
      [1089, 'high'],
    ]);
  });
});

describe('CueScheduler reset', () => {
  it('clears the shown cue, the pending candidate and the speech cooldowns', () => {
    const scheduler = new CueScheduler();
    const first = drive([[0, mid]], 20, scheduler);
    expect(first.at(-1)).toEqual({ tMs: 627, shown: 'mid', speak: null });

    scheduler.reset();
    // Nothing shown right after a reset, even with the same candidate (it must settle again).
    expect(scheduler.step(mid, 0)).toEqual({ shown: null, speak: null });
    // The same run again gives the same rows: settled at 429 and spoken again despite the
    // cooldown of the first run (429 − 429 would be inside it).
    scheduler.reset();
    expect(drive([[0, mid]], 20, scheduler)).toEqual(first);
  });

  it('after a reset a null candidate shows nothing', () => {
    const scheduler = new CueScheduler();
    drive([[0, high]], 30, scheduler);
    scheduler.reset();
    expect(scheduler.step(null, 1000)).toEqual({ shown: null, speak: null });
  });
});
