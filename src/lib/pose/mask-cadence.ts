/**
 * How often BlazePose's silhouette is computed. The silhouette head costs about as much as the
 * pose itself on a 2-core CPU (bench: 18.6 → 37.4 ms a frame for BlazePose lite), and the back's
 * outline changes slowly next to the frame rate, so a fresh mask every `every` frames, the last
 * one reused between, keeps the counts (src/lib/accuracy/mask-cadence.test.ts) and nearly
 * halves the model's time. Pure: the pose adapter asks it per frame.
 */
import type { SegmentationMask } from './keypoints';

/** Frames per fresh silhouette in the app: every second frame (15 a second live, 7.5 on a file at 15 fps). */
export const SEGMENTATION_EVERY = 2;

export class MaskCadence {
  private last: SegmentationMask | undefined;
  private framesSinceFresh = 0;
  private lastTMs = Number.NEGATIVE_INFINITY;

  constructor(readonly every: number = SEGMENTATION_EVERY) {}

  /**
   * Whether the frame at `tMs` computes a fresh silhouette: always when there is none to reuse,
   * and when time went back (a new clip, or a file after the camera), so a source never starts
   * on another's silhouette and a file gives the same result whatever ran before it.
   */
  due(tMs: number): boolean {
    if (tMs < this.lastTMs) this.forget();
    this.lastTMs = tMs;
    return this.last === undefined || this.framesSinceFresh + 1 >= this.every;
  }

  /** This frame's fresh silhouette (undefined: the model gave none). */
  fresh(mask: SegmentationMask | undefined): SegmentationMask | undefined {
    this.last = mask;
    this.framesSinceFresh = 0;
    return mask;
  }

  /** This frame skips the silhouette: the last one stands in. */
  reuse(): SegmentationMask | undefined {
    this.framesSinceFresh++;
    return this.last;
  }

  /** Nobody in this frame (or a new clip): the next person gets a fresh silhouette at once. */
  forget(): void {
    this.last = undefined;
    this.framesSinceFresh = 0;
  }
}

/**
 * What the app's model gives on recorded frames (each with its own mask) when the silhouette
 * runs only every `every` frames: the evidence for SEGMENTATION_EVERY.
 */
export function withMaskCadence<T extends { tMs: number; keypoints: object; mask?: SegmentationMask }>(frames: readonly T[], every: number): T[] {
  const cadence = new MaskCadence(every);
  return frames.map((frame) => {
    if (Object.keys(frame.keypoints).length === 0) {
      cadence.forget();
      return frame;
    }
    const mask = cadence.due(frame.tMs) ? cadence.fresh(frame.mask) : cadence.reuse();
    const { mask: _own, ...rest } = frame;
    return (mask ? { ...rest, mask } : rest) as T;
  });
}
