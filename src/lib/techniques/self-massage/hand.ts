/**
 * Where each wrist is against the OPPOSITE shoulder, seen from the front: the measurement
 * behind the self-massage checker. Pure.
 *
 * Lengths are in shoulder widths (the hips are often out of view at a desk, so the torso
 * cannot be the scale here), heights perpendicular to the shoulder line (+ up), and
 * everything is mirror-invariant: keypoint names are the user's own sides.
 */
import { pick } from '../../geometry/body';
import { readFrontView, type FrontView } from '../../geometry/front';
import { distance, dot, sub, type Vec2 } from '../../geometry/vector';
import type { KeypointMap, KeypointName } from '../../pose/keypoints';
import type { Side } from '../types';

export interface HandReading {
  /** The shoulder this wrist could be working on: the opposite one. */
  worked: Side;
  wrist: Vec2;
  /** Wrist to the worked shoulder ÷ shoulder width. */
  reach: number;
  /** Wrist height above the shoulder line ÷ shoulder width (negative below it). */
  height: number;
  /**
   * How far the wrist is past the body's midline towards the worked shoulder ÷ shoulder
   * width: 0 on the midline, 0.5 level with that shoulder, negative on its own side.
   */
  crossed: number;
  /** Wrist relative to the worked shoulder ÷ shoulder width (the stroke tracker's input). */
  offset: Vec2;
}

export interface MassageView {
  front: FrontView;
  /** Right wrist (working the left shoulder) and left wrist (working the right one), when seen. */
  hands: Partial<Record<Side, HandReading>>;
}

const WORKING_WRIST: Record<Side, KeypointName> = { left: 'right_wrist', right: 'left_wrist' };

/** Head and shoulders from the front, and each seen wrist against the opposite shoulder. */
export function readMassageView(keypoints: KeypointMap, minScore: number): { view?: MassageView; missing: KeypointName[] } {
  const { view: front, missing } = readFrontView(keypoints, minScore);
  if (!front) return { missing };
  const width = front.shoulderWidth;
  // Unit normal of the shoulder line that points up the picture (y < 0), as in readFrontView.
  const axis = front.shoulderAxis;
  const up: Vec2 = axis.x >= 0 ? { x: axis.y, y: -axis.x } : { x: -axis.y, y: axis.x };
  const hands: Partial<Record<Side, HandReading>> = {};
  for (const worked of ['left', 'right'] as const) {
    const wrist = pick(keypoints, WORKING_WRIST[worked], minScore);
    if (!wrist) continue;
    const shoulder = worked === 'left' ? front.leftShoulder : front.rightShoulder;
    const fromMid = sub(wrist, front.shoulderMid);
    // The shoulder axis points from the right shoulder to the left one.
    const along = dot(fromMid, axis) / width;
    const fromShoulder = sub(wrist, shoulder);
    hands[worked] = {
      worked,
      wrist,
      reach: distance(wrist, shoulder) / width,
      height: dot(fromMid, up) / width,
      crossed: worked === 'left' ? along : -along,
      offset: { x: fromShoulder.x / width, y: fromShoulder.y / width },
    };
  }
  return { view: { front, hands }, missing };
}
