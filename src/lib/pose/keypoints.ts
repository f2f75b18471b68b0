/**
 * Keypoint names and the frame shape the whole core works on. Pure: no tfjs here.
 *
 * Coordinates are resolution independent and isotropic: x and y are divided by the
 * frame's longer side, so (0,0) is the top-left corner, y grows downwards, and angles
 * measured on them equal angles in the picture. `aspect` (width / height) recovers the
 * frame's extent: width = min(1, aspect), height = min(1, 1 / aspect).
 */

/** BlazePose's 33 names; MoveNet's 17 are a subset with the same spelling. */
export const KEYPOINT_NAMES = [
  'nose',
  'left_eye_inner',
  'left_eye',
  'left_eye_outer',
  'right_eye_inner',
  'right_eye',
  'right_eye_outer',
  'left_ear',
  'right_ear',
  'mouth_left',
  'mouth_right',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_pinky',
  'right_pinky',
  'left_index',
  'right_index',
  'left_thumb',
  'right_thumb',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];

export const MOVENET_KEYPOINT_NAMES = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const satisfies readonly KeypointName[];

const NAME_SET: ReadonlySet<string> = new Set(KEYPOINT_NAMES);
export function isKeypointName(name: string): name is KeypointName {
  return NAME_SET.has(name);
}

export interface Keypoint {
  x: number;
  y: number;
  /** Model confidence in [0, 1]. */
  score: number;
}

/** Metric 3D point (BlazePose world landmarks): metres, origin between the hips. */
export interface Keypoint3D {
  x: number;
  y: number;
  z: number;
  score: number;
}

export type KeypointMap = Partial<Record<KeypointName, Keypoint>>;
export type Keypoint3DMap = Partial<Record<KeypointName, Keypoint3D>>;

/**
 * Where the person is in the picture, as a coarse grid over the whole frame (BlazePose's
 * segmentation, scaled down): row-major person probability per cell, 0–255. Cell (i, j)
 * covers x ∈ [i, i+1) × width-of-frame / width, likewise for y.
 */
export interface SegmentationMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A person the multi-person detector found: the box around their points (frame units) and its score. */
export interface PersonSighting {
  box: { minX: number; minY: number; maxX: number; maxY: number };
  score: number;
}

/** One pose estimate; `tMs` is the media time of the frame it came from. */
export interface PoseFrame {
  tMs: number;
  /** Frame width / height. */
  aspect: number;
  keypoints: KeypointMap;
  keypoints3D?: Keypoint3DMap;
  /** The person's silhouette, when the model gives one (BlazePose with segmentation on). */
  mask?: SegmentationMask;
  /**
   * Everyone in view, on the frames where the multi-person detector ran (it runs every so
   * often, not on every frame); absent on the others.
   */
  people?: PersonSighting[];
}

/** Bones drawn by the overlay and used to judge "whole body in view". */
export const SKELETON_EDGES: readonly (readonly [KeypointName, KeypointName])[] = [
  ['left_ear', 'left_eye'],
  ['right_ear', 'right_eye'],
  ['left_eye', 'nose'],
  ['right_eye', 'nose'],
  ['left_shoulder', 'right_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'],
  ['left_hip', 'right_hip'],
  ['left_hip', 'left_knee'],
  ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'],
  ['right_knee', 'right_ankle'],
];
