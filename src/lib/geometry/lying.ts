/**
 * Measures on a person lying on their back, seen from the side (foam roller, thoracic
 * extension); the view itself is read with ./side. Pure. The floor is at the bottom of the
 * picture, so "up" is image-up.
 */
import type { SideView } from './side';
import { angleAtDeg, sub, type Vec2 } from './vector';

/**
 * Angle at `vertex` from `a` to `b`, degrees in [0, 360): the interior angle when the vertex
 * lies below the line a→b (towards the floor, image-down), 360 minus it when above.
 */
export function signedBendDeg(a: Vec2, vertex: Vec2, b: Vec2): number {
  const interior = angleAtDeg(a, vertex, b);
  const d = sub(b, a);
  // The normal of a→b that points image-up (negative y).
  const up: Vec2 = d.x >= 0 ? { x: d.y, y: -d.x } : { x: -d.y, y: d.x };
  const above = (vertex.x - a.x) * up.x + (vertex.y - a.y) * up.y > 0;
  return above ? 360 - interior : interior;
}

/** Hip–knee–ankle angle, or null without a view or when the knee or ankle is not seen. */
export function kneeAngleDeg(view: Pick<SideView, 'hip' | 'knee' | 'ankle'> | undefined): number | null {
  return view?.knee && view.ankle ? angleAtDeg(view.hip, view.knee, view.ankle) : null;
}

/** Knees bent, feet flat on the floor: what both lying techniques ask of the legs. */
export interface LegOptions {
  /** Heel above the toes by more than this × torso length: the foot is not flat (BlazePose points). */
  maxHeelLiftRatio: number;
  /** The ankle must sit at least this × torso length below the knee (shin pointing down, foot on the floor). */
  minShinDropRatio: number;
  /** Knee angle above this: legs too straight for the feet to be planted close in. */
  maxKneeDeg: number;
}

export const DEFAULT_LEG_OPTIONS: LegOptions = {
  maxHeelLiftRatio: 0.12,
  minShinDropRatio: 0.35,
  maxKneeDeg: 135,
};

/** Why the feet are not flat with the knees bent, or undefined when they are (or cannot be seen). */
export function feetFault(
  view: Pick<SideView, 'hip' | 'knee' | 'ankle' | 'heel' | 'toe' | 'torsoLength'>,
  options: LegOptions,
): 'heel-raised' | 'feet-up' | 'legs-straight' | undefined {
  const { knee, ankle, heel, toe, hip, torsoLength } = view;
  if (heel && toe && (toe.y - heel.y) / torsoLength > options.maxHeelLiftRatio) return 'heel-raised';
  if (knee && ankle) {
    if ((ankle.y - knee.y) / torsoLength < options.minShinDropRatio) return 'feet-up';
    if (angleAtDeg(hip, knee, ankle) > options.maxKneeDeg) return 'legs-straight';
  }
  return undefined;
}
