/**
 * Reading the torso of a person facing the camera, for the twist: shoulder and hip widths
 * against the torso length (2D), and the shoulder and hip lines' yaw (3D, BlazePose's world
 * points). Pure.
 *
 * The keypoints are not mirrored, so the user's left shoulder is `left_shoulder` and appears
 * on the image right; every "left/right" is the user's own.
 */
import { RAD_TO_DEG } from '../../geometry/angles';
import { pick } from '../../geometry/body';
import { distance, midpoint } from '../../geometry/vector';
import type { Keypoint3D, Keypoint3DMap, KeypointName, PoseFrame } from '../../pose/keypoints';

/** What one frame says, before comparing it with the neutral. */
export interface TorsoReading {
  /** Shoulder distance / torso length (2D). */
  shoulderRatio: number;
  /** Hip distance / torso length (2D). */
  hipRatio: number;
  /** The same distances in frame units. */
  shoulderWidth: number;
  hipWidth: number;
  /** Torso length in frame units (2D) and the shoulder midpoint, for calibration steadiness. */
  torsoLength: number;
  shoulderMid: { x: number; y: number };
  /** Vertical drop from the left to the right shoulder / torso length (2D; + = left shoulder higher). */
  shoulderDrop: number;
  /** Torso angle from vertical in the picture, degrees. */
  torsoTiltDeg: number;
  /** Nose offset from the shoulder midpoint along the shoulder line (towards the left shoulder) / torso length. */
  noseShift: number | undefined;
  threeD?: {
    shoulderYawDeg: number;
    hipYawDeg: number;
    /** Shoulder line elevation, degrees, + = left shoulder higher. */
    shoulderTiltDeg: number;
    /** Torso angle from vertical in 3D: also sees leaning towards or away from the camera. */
    torsoTiltDeg: number;
    /** Yaw of the ear line, when both ears are seen. */
    headYawDeg: number | undefined;
  };
}

function seen3D(keypoints: Keypoint3DMap | undefined, name: KeypointName, minScore: number): Keypoint3D | undefined {
  const point = keypoints?.[name];
  return point && point.score >= minScore && Number.isFinite(point.x) && Number.isFinite(point.y) && Number.isFinite(point.z)
    ? point
    : undefined;
}

/**
 * Yaw of the right→left vector on the horizontal (x–z) plane, degrees; 0 = square to the
 * camera, + = left side back. World points are metres with y down and z away from the camera.
 */
export const yawDeg = (left: Keypoint3D, right: Keypoint3D) => Math.atan2(left.z - right.z, left.x - right.x) * RAD_TO_DEG;

const REQUIRED: readonly KeypointName[] = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];

/** Reads the torso; lists what is missing when it cannot. */
export function readTorso(frame: PoseFrame, minScore: number): { reading?: TorsoReading; missing: KeypointName[] } {
  const kp = frame.keypoints;
  const missing = REQUIRED.filter((name) => !pick(kp, name, minScore));
  const ls = pick(kp, 'left_shoulder', minScore);
  const rs = pick(kp, 'right_shoulder', minScore);
  const lh = pick(kp, 'left_hip', minScore);
  const rh = pick(kp, 'right_hip', minScore);
  if (!ls || !rs || !lh || !rh) return { missing };
  const shoulderMid = midpoint(ls, rs);
  const hipMid = midpoint(lh, rh);
  const torsoLength = distance(shoulderMid, hipMid);
  const shoulderWidth = distance(ls, rs);
  const hipWidth = distance(lh, rh);
  if (torsoLength < 1e-6) return { missing: ['left_shoulder', 'left_hip'] };

  let noseShift: number | undefined;
  const nose = pick(kp, 'nose', minScore);
  if (nose && shoulderWidth > 1e-9) {
    // Unit vector along the shoulder line, pointing at the left shoulder.
    const ux = (ls.x - rs.x) / shoulderWidth;
    const uy = (ls.y - rs.y) / shoulderWidth;
    noseShift = ((nose.x - shoulderMid.x) * ux + (nose.y - shoulderMid.y) * uy) / torsoLength;
  }

  const reading: TorsoReading = {
    shoulderRatio: shoulderWidth / torsoLength,
    hipRatio: hipWidth / torsoLength,
    shoulderWidth,
    hipWidth,
    torsoLength,
    shoulderMid,
    shoulderDrop: (rs.y - ls.y) / torsoLength,
    torsoTiltDeg: Math.atan2(Math.abs(shoulderMid.x - hipMid.x), hipMid.y - shoulderMid.y) * RAD_TO_DEG,
    noseShift,
  };

  const k3 = frame.keypoints3D;
  const ls3 = seen3D(k3, 'left_shoulder', minScore);
  const rs3 = seen3D(k3, 'right_shoulder', minScore);
  const lh3 = seen3D(k3, 'left_hip', minScore);
  const rh3 = seen3D(k3, 'right_hip', minScore);
  if (ls3 && rs3 && lh3 && rh3) {
    const dx = (ls3.x + rs3.x - lh3.x - rh3.x) / 2;
    const dy = (ls3.y + rs3.y - lh3.y - rh3.y) / 2;
    const dz = (ls3.z + rs3.z - lh3.z - rh3.z) / 2;
    const le3 = seen3D(k3, 'left_ear', minScore);
    const re3 = seen3D(k3, 'right_ear', minScore);
    reading.threeD = {
      shoulderYawDeg: yawDeg(ls3, rs3),
      hipYawDeg: yawDeg(lh3, rh3),
      shoulderTiltDeg: Math.atan2(rs3.y - ls3.y, Math.hypot(ls3.x - rs3.x, ls3.z - rs3.z)) * RAD_TO_DEG,
      torsoTiltDeg: Math.atan2(Math.hypot(dx, dz), -dy) * RAD_TO_DEG,
      headYawDeg: le3 && re3 ? yawDeg(le3, re3) : undefined,
    };
  }
  return { reading, missing };
}
