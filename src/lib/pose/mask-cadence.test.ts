/** The silhouette cadence on its own; the evidence that it keeps the counts is ../accuracy/mask-cadence.test.ts. */
import { describe, expect, it } from 'vitest';
import { MaskCadence } from './mask-cadence';

describe('MaskCadence', () => {
  const mask = (id: number) => ({ width: 1, height: 1, data: Uint8Array.of(id) });
  it('computes a fresh silhouette every `every` frames, reusing the last between, and at once after nobody', () => {
    const cadence = new MaskCadence(2);
    const seen: (number | undefined)[] = [];
    for (let frame = 0; frame < 5; frame++) seen.push((cadence.due(frame * 33) ? cadence.fresh(mask(frame)) : cadence.reuse())?.data[0]);
    expect(seen).toEqual([0, 0, 2, 2, 4]);
    cadence.forget();
    expect(cadence.due(200)).toBe(true);
    expect(new MaskCadence(1).due(0)).toBe(true);
  });
  it('time going back (a new clip, a file after the camera) starts on a fresh silhouette, not the last source\'s', () => {
    const cadence = new MaskCadence(2);
    expect(cadence.due(5000)).toBe(true);
    cadence.fresh(mask(9));
    // A frame at a later time would reuse it; one at 0 belongs to a new clip.
    expect(cadence.due(0)).toBe(true);
  });
  it('a frame whose silhouette the model did not give gets a fresh try next frame', () => {
    const cadence = new MaskCadence(3);
    cadence.fresh(undefined);
    expect(cadence.due(33)).toBe(true);
  });
});
