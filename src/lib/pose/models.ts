/** Pose models and compute backends the app offers, and how a URL picks them. Pure. */

export const MODEL_IDS = ['lightning', 'thunder', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const BACKEND_IDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

export interface ModelInfo {
  id: ModelId;
  label: string;
  /** Whether the model gives BlazePose's 33 points and 3D world points. */
  has3D: boolean;
}

export const MODELS: Record<ModelId, ModelInfo> = {
  lightning: { id: 'lightning', label: 'MoveNet Lightning (fastest)', has3D: false },
  thunder: { id: 'thunder', label: 'MoveNet Thunder (accurate, slow)', has3D: false },
  'blazepose-lite': { id: 'blazepose-lite', label: 'BlazePose lite', has3D: true },
  'blazepose-full': { id: 'blazepose-full', label: 'BlazePose full', has3D: true },
  'blazepose-heavy': { id: 'blazepose-heavy', label: 'BlazePose heavy (slow)', has3D: true },
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
