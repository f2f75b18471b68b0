/**
 * Reading the body's silhouette (BlazePose's segmentation, as a coarse grid over the frame).
 * Pure.
 *
 * Pose models give no points along the spine, but the silhouette shows the back: seen from the
 * side on all fours, its top edge between the hips and the shoulders dips in cow and rounds up
 * in cat. `backBendDeg` measures that edge against the straight line between its ends.
 */
import type { SegmentationMask } from '../pose/keypoints';
import { RAD_TO_DEG } from './angles';
import type { Vec2 } from './vector';

/** Person probability (0–1) at a point in grid cells, bilinear; 0 outside the grid. */
export function maskAt(mask: SegmentationMask, gx: number, gy: number): number {
  const { width, height, data } = mask;
  if (!(gx >= 0 && gy >= 0 && gx <= width - 1 && gy <= height - 1)) return 0;
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = gx - x0;
  const fy = gy - y0;
  const at = (x: number, y: number) => data[y * width + x]! / 255;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

export interface BackBendOptions {
  /**
   * The back's ends are sampled this far from the hip and from the shoulder (share of the
   * torso): clear of the buttocks, and of the neck rising towards a lifted head.
   */
  hipInset: number;
  shoulderInset: number;
  /** Samples along the torso. */
  samples: number;
  /** How far above the torso line the edge is looked for (× torso length). */
  searchAbove: number;
  /** …and below it (in deep cat the belly rises above the shoulder–hip line). */
  searchBelow: number;
}

export const DEFAULT_BACK_BEND: BackBendOptions = { hipInset: 0.1, shoulderInset: 0.2, samples: 15, searchAbove: 1, searchBelow: 0.4 };

/**
 * How much the back bends, degrees: + rounded up (cat), − dipped (cow), 0 straight. The height
 * of the silhouette's top edge above the hip→shoulder line is sampled along the torso; its sag
 * at the middle against the chord between the two ends, h (× chord length c), is read as the
 * angle an arc of that sag turns through: 4·atan(2h / c). Independent of distance and of which
 * way the person faces. Undefined when the edge is not found at every sample (the mask missed
 * the body, or the torso is off the grid).
 *
 * Measured on the recorded cat-cow clip (BlazePose lite and full): cow −55 to −62, deep cat
 * +50 to +70, her resting back −18 to −24; free-exercise-db's tabletop photo +1 to +14.
 */
export function backBendDeg(
  mask: SegmentationMask,
  aspect: number,
  shoulder: Vec2,
  hip: Vec2,
  options: BackBendOptions = DEFAULT_BACK_BEND,
): number | undefined {
  // Frame units (÷ the longer side) → grid cells.
  const frameWidth = Math.min(1, aspect);
  const frameHeight = Math.min(1, 1 / aspect);
  const toGrid = (p: Vec2): Vec2 => ({ x: (p.x / frameWidth) * mask.width - 0.5, y: (p.y / frameHeight) * mask.height - 0.5 });
  const s = toGrid(shoulder);
  const h = toGrid(hip);
  const length = Math.hypot(s.x - h.x, s.y - h.y);
  if (length < 3) return undefined;
  const u = { x: (s.x - h.x) / length, y: (s.y - h.y) / length };
  // The torso line's normal that points image-up.
  const n = u.x >= 0 ? { x: u.y, y: -u.x } : { x: -u.y, y: u.x };
  const step = 0.25;
  const heights: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const t = options.hipInset + ((1 - options.hipInset - options.shoulderInset) * i) / (options.samples - 1);
    const px = h.x + t * (s.x - h.x);
    const py = h.y + t * (s.y - h.y);
    // From far above down to the first cell of body: the top edge along the normal.
    let edge: number | undefined;
    for (let d = options.searchAbove * length; d >= -options.searchBelow * length; d -= step) {
      if (maskAt(mask, px + n.x * d, py + n.y * d) >= 0.5) {
        edge = d;
        break;
      }
    }
    if (edge === undefined) return undefined;
    heights.push(edge / length);
  }
  const first = heights[0]!;
  const last = heights.at(-1)!;
  const middle = heights.slice(Math.floor(options.samples / 3), Math.ceil((2 * options.samples) / 3));
  const sag = middle.reduce((sum, v) => sum + v, 0) / middle.length - (first + last) / 2;
  const chord = 1 - options.hipInset - options.shoulderInset;
  return 4 * Math.atan((2 * sag) / chord) * RAD_TO_DEG;
}
