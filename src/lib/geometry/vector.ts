/**
 * Small 2D/3D vector helpers for pose geometry. Pure and allocation-light.
 *
 * 2D points live in the pose frame's image coordinates: x grows to the right and
 * y grows DOWNWARDS (see ../pose/keypoints). Every signed quantity below states its
 * convention with that in mind, because "counter-clockwise" in maths is "clockwise"
 * on the screen once y is flipped.
 */
import { RAD_TO_DEG } from './angles';

export interface Vec2 {
  x: number;
  y: number;
}

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** a - b */
export function sub(a: Vec2, b: Vec2): Vec2 {
  return { x: a.x - b.x, y: a.y - b.y };
}

/** a + b */
export function add(a: Vec2, b: Vec2): Vec2 {
  return { x: a.x + b.x, y: a.y + b.y };
}

/** v * factor */
export function scale(v: Vec2, factor: number): Vec2 {
  return { x: v.x * factor, y: v.y * factor };
}

export function midpoint(a: Vec2, b: Vec2): Vec2 {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

export function length(v: Vec2): number {
  return Math.hypot(v.x, v.y);
}

export function distance(a: Vec2, b: Vec2): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function dot(a: Vec2, b: Vec2): number {
  return a.x * b.x + a.y * b.y;
}

/**
 * z component of the 3D cross product a × b. In image coordinates (y down) it is
 * positive when b is CLOCKWISE from a as seen on the screen.
 */
export function cross(a: Vec2, b: Vec2): number {
  return a.x * b.y - a.y * b.x;
}

/** Maps an angle in degrees from [-180, 180] into (-180, 180]. */
function halfOpenDeg(deg: number): number {
  return deg <= -180 ? deg + 360 : deg;
}

/**
 * Unsigned interior angle at `vertex` between the arms vertex→a and vertex→b,
 * in degrees in [0, 180] (e.g. the knee angle from hip, knee, ankle).
 * NaN when an arm has zero length: there is no angle, and 0 would read as "fully bent".
 */
export function angleAtDeg(a: Vec2, vertex: Vec2, b: Vec2): number {
  const ax = a.x - vertex.x;
  const ay = a.y - vertex.y;
  const bx = b.x - vertex.x;
  const by = b.y - vertex.y;
  if ((ax === 0 && ay === 0) || (bx === 0 && by === 0)) return Number.NaN;
  // atan2(|cross|, dot) stays accurate near 0° and 180°, where acos(dot) loses precision.
  return Math.atan2(Math.abs(ax * by - ay * bx), ax * bx + ay * by) * RAD_TO_DEG;
}

/**
 * Signed rotation from direction `from` to direction `to`, in degrees in (-180, 180].
 *
 * Sign convention (image coordinates, y down): POSITIVE means `to` is reached by
 * turning CLOCKWISE on the screen; negative means counter-clockwise. Example:
 * from (1, 0) (pointing right) to (0, 1) (pointing down on screen) is +90.
 * Exactly opposite directions give +180. A zero-length input gives 0.
 */
export function signedAngleDeg(from: Vec2, to: Vec2): number {
  return halfOpenDeg(Math.atan2(cross(from, to), dot(from, to)) * RAD_TO_DEG);
}

/**
 * Elevation of `v` above the horizontal, measured towards the way the person faces,
 * in degrees in (-180, 180]: atan2(-v.y, v.x * facing).
 *
 * `facing` is +1 when the person faces image-right and -1 when they face image-left.
 * So 0 = horizontal and forward, +90 = straight up, -90 = straight down,
 * 180 = horizontal and backwards; up-and-forward is positive whichever way they face.
 */
export function elevationDeg(v: Vec2, facing: 1 | -1): number {
  // `+ 0` turns -0 into +0 so a horizontal backward vector reads +180, not -180.
  return halfOpenDeg(Math.atan2(-v.y + 0, v.x * facing + 0) * RAD_TO_DEG);
}

/** a - b */
export function sub3(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x - b.x, y: a.y - b.y, z: a.z - b.z };
}

export function dot3(a: Vec3, b: Vec3): number {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

/** Right-handed cross product a × b (x × y = z). */
export function cross3(a: Vec3, b: Vec3): Vec3 {
  return {
    x: a.y * b.z - a.z * b.y,
    y: a.z * b.x - a.x * b.z,
    z: a.x * b.y - a.y * b.x,
  };
}

export function length3(v: Vec3): number {
  return Math.hypot(v.x, v.y, v.z);
}

/**
 * Unsigned angle between two 3D directions in degrees in [0, 180].
 * NaN when either has zero length (no direction to compare).
 */
export function angleBetween3Deg(a: Vec3, b: Vec3): number {
  if (length3(a) === 0 || length3(b) === 0) return Number.NaN;
  return Math.atan2(length3(cross3(a, b)), dot3(a, b)) * RAD_TO_DEG;
}
