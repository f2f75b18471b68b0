/**
 * Which weight files each pose model loads, and which models the techniques need offline.
 * Pure. The names match what the detector asks for under `models/` (a unit test checks them
 * against static/models, including each graph's weight shards).
 */
import type { ModelId } from '../pose/models';

/** Files (names under `models/`) the detector fetches for `model`, graph before weights. */
export function modelFileNames(model: ModelId): string[] {
  if (model === 'lightning' || model === 'thunder') return [`movenet-${model}.json`, `movenet-${model}.bin`];
  // BlazePose runs a person detector before its landmark model: both are needed.
  return ['blazepose-detector.json', 'blazepose-detector.bin', `${model}.json`, `${model}.bin`];
}

/** The models a set of techniques is coached with by default: what "available offline" fetches. */
export function modelsForTechniques(techniques: readonly { live: boolean; defaultModel: ModelId }[]): ModelId[] {
  return [...new Set(techniques.filter((technique) => technique.live).map((technique) => technique.defaultModel))];
}

/** The multi-person model every practice page also loads, to tell when someone else is in view. */
export const PEOPLE_COUNTER_FILES = ['movenet-multipose.json', 'movenet-multipose.bin'] as const;

/** Distinct files for several models (BlazePose models share their detector), with the people counter. */
export function filesForModels(models: readonly ModelId[]): string[] {
  return [...new Set([...models.flatMap(modelFileNames), ...(models.length > 0 ? PEOPLE_COUNTER_FILES : [])])];
}

export interface ModelStorage {
  model: ModelId;
  /** Bytes of the model's files (shared files counted for each model that needs them). */
  bytes: number | null;
  /** Every file of the model is in the cache. */
  cached: boolean;
}

/**
 * Per model: whether it is stored and how big it is, from the stored files and the known
 * file sizes (`null` where a size is not known yet).
 */
export function modelStorage(models: readonly ModelId[], cachedFiles: ReadonlySet<string>, fileBytes: ReadonlyMap<string, number>): ModelStorage[] {
  return models.map((model) => {
    const files = modelFileNames(model);
    const sizes = files.map((file) => fileBytes.get(file));
    return {
      model,
      bytes: sizes.every((size) => size !== undefined) ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0) : null,
      cached: files.every((file) => cachedFiles.has(file)),
    };
  });
}

/** "4.8 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}
