/** Pose models and compute backends the app offers, and how a URL picks them. Pure. */

export const MODEL_IDS = ['lightning', 'thunder', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const BACKEND_IDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

export interface ModelInfo {
  id: ModelId;
  label: string;
  /** A word or two for where the label does not fit ("Balanced"). */
  short: string;
  /** Whether the model gives BlazePose's 33 points and 3D world points. */
  has3D: boolean;
}

// Labels say what a choice means to the user; the model's own name is kept in brackets for
// anyone comparing with the README's figures.
export const MODELS: Record<ModelId, ModelInfo> = {
  lightning: { id: 'lightning', label: 'Fast: flat (2D), for any computer (MoveNet Lightning)', short: 'Fast (2D)', has3D: false },
  thunder: { id: 'thunder', label: 'Sharper flat (2D), slow without a graphics chip (MoveNet Thunder)', short: 'Sharper (2D)', has3D: false },
  'blazepose-lite': { id: 'blazepose-lite', label: 'Balanced: depth (3D), keeps up on most laptops (BlazePose lite)', short: 'Balanced (3D)', has3D: true },
  'blazepose-full': { id: 'blazepose-full', label: 'Precise: depth (3D), needs a faster computer (BlazePose full)', short: 'Precise (3D)', has3D: true },
  'blazepose-heavy': { id: 'blazepose-heavy', label: 'Most precise: depth (3D), very slow without a graphics chip (BlazePose heavy)', short: 'Most precise (3D)', has3D: true },
};

/**
 * Default model, from `npm run bench` on a 2-core CPU with no GPU (WASM): Lightning and
 * BlazePose lite are the fastest (≈31–34 ms a frame there), Lightning reaches its first pose
 * sooner, and the cat-cow thresholds are validated on its keypoints. See README "Performance".
 */
export const DEFAULT_MODEL: ModelId = 'lightning';

export function parseModelId(value: string | null | undefined): ModelId | undefined {
  return MODEL_IDS.find((id) => id === value);
}

export function parseBackendId(value: string | null | undefined): BackendId | undefined {
  return BACKEND_IDS.find((id) => id === value);
}
