/**
 * Why the silhouette may run every second frame: on the real models' recorded output for the
 * cat-cow clip (the one technique that reads the back's outline), the checker with a fresh
 * silhouette every frame and with one every second frame (the last reused between) counts the
 * same reps and enters the same phases, each span within 0.1 s, both on the live camera's 30
 * frames a second and on a file's 15. Without any silhouette the same spans move by 0.27–0.33 s:
 * the test can tell.
 */
import { describe, expect, it } from 'vitest';
import { SEGMENTATION_EVERY, withMaskCadence } from '../pose/mask-cadence';
import { findTechnique } from '../techniques/catalog';
import { clipTrace } from '../testing/traces';
import { compareRuns, everyNth } from './frame-rate';

describe('cat-cow with the silhouette every second frame (recorded traces)', () => {
  const technique = findTechnique('cat-cow')!;
  for (const model of ['blazepose-lite', 'blazepose-full'] as const) {
    for (const [rate, step] of [
      ['the camera, 30 fps', 1],
      ['a file, 15 fps', 2],
    ] as const) {
      it(`${model}, ${rate}: same reps, same phase spans within 0.1 s`, () => {
        const frames = everyNth(clipTrace('cat-cow-side', model), step);
        expect(frames.filter((frame) => frame.mask).length).toBeGreaterThan(frames.length * 0.9);
        const cadenced = withMaskCadence(frames, SEGMENTATION_EVERY);
        // Really fewer silhouettes: every second frame carries the one before's.
        expect(cadenced[1]!.mask).toBe(cadenced[0]!.mask);
        // The silhouette matters here: without it the phases move by more than 0.1 s.
        const withoutSilhouette = frames.map(({ mask: _mask, ...frame }) => frame);
        expect(compareRuns(technique, frames, withoutSilhouette).worstSpanDifferenceMs).toBeGreaterThan(100);
        const comparison = compareRuns(technique, frames, cadenced);
        console.log(`silhouette every ${SEGMENTATION_EVERY} frames, ${model}, ${rate}: worst span difference ${comparison.worstSpanDifferenceMs} ms`);
        expect(comparison.full.reps.total).toBeGreaterThan(0);
        expect(comparison.half.reps).toEqual(comparison.full.reps);
        expect(comparison.half.phases).toEqual(comparison.full.phases);
        expect(comparison.worstSpanDifferenceMs).toBeLessThanOrEqual(100);
      });
    }
  }
});
