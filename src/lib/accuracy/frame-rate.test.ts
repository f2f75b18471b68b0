/**
 * Why file analysis may sample at 15 frames a second: on the real models' recorded output for
 * every fixture clip (30 fps, ../testing/traces), every technique's checker run as the app
 * runs it on every frame and on every second frame counts the same reps on each side and
 * enters the same phases, each span starting and ending within 0.1 s of the other's.
 */
import { describe, expect, it } from 'vitest';
import { findTechnique } from '../techniques/catalog';
import { clipTrace, TRACE_MODELS, type TraceClip } from '../testing/traces';
import { compareRuns, everyNth } from './frame-rate';

const CLIP_TECHNIQUE: Record<TraceClip, string> = {
  'cat-cow-side': 'cat-cow',
  'bridge-side': 'foam-roller',
  'seated-twist-front': 'seated-twist',
};

describe('file analysis at 15 fps against 30 fps (recorded traces)', () => {
  let worstMs = 0;
  for (const [clip, techniqueId] of Object.entries(CLIP_TECHNIQUE) as [TraceClip, string][]) {
    for (const model of TRACE_MODELS) {
      it(`${clip} on ${techniqueId}, ${model}: same reps per side, same phase spans within 0.1 s`, () => {
        const technique = findTechnique(techniqueId)!;
        const frames = clipTrace(clip, model);
        const full = frames;
        const half = everyNth(frames, 2);
        // The traces are the model's output at 30 fps: every second frame is what 15 fps sampling sees.
        expect(half[1]!.tMs - half[0]!.tMs).toBeGreaterThan(60);
        const comparison = compareRuns(technique, full, half);
        worstMs = Math.max(worstMs, comparison.worstSpanDifferenceMs);
        expect(comparison.half.reps).toEqual(comparison.full.reps);
        expect(comparison.full.reps.total).toBeGreaterThan(0);
        expect(comparison.half.phases).toEqual(comparison.full.phases);
        expect(comparison.worstSpanDifferenceMs).toBeLessThanOrEqual(100);
      });
    }
  }
  it('reports the worst span difference measured', () => {
    console.log(`15 fps vs 30 fps: worst phase span difference ${worstMs.toFixed(0)} ms`);
    expect(worstMs).toBeLessThanOrEqual(100);
  });
});
