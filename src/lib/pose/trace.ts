/**
 * Keypoint traces: the raw model output of a clip, saved as JSON so the checkers can be
 * replayed on real footage in unit tests and tools. Pure.
 *
 * Masks are stored run-length encoded at 16 levels: a silhouette is mostly 0 or 255 with
 * thin edges, so a 96×54 grid takes ~1 KB instead of 5 KB of numbers.
 */
import type { PoseFrame, SegmentationMask } from './keypoints';

export interface EncodedMask {
  width: number;
  height: number;
  /** Runs "<level hex><length base36>", space-separated; level 0–15 stands for 0–255. */
  rle: string;
}

export type TraceFrame = Omit<PoseFrame, 'mask'> & { mask?: EncodedMask };

export interface KeypointTrace {
  model: string;
  /** The clip or photo the frames came from. */
  source: string;
  frames: TraceFrame[];
}

export function encodeMask(mask: SegmentationMask): EncodedMask {
  const runs: string[] = [];
  let level = -1;
  let length = 0;
  const flush = () => {
    if (length > 0) runs.push(`${level.toString(16)}${length.toString(36)}`);
  };
  for (const value of mask.data) {
    const next = Math.round(value / 17);
    if (next === level) {
      length++;
      continue;
    }
    flush();
    level = next;
    length = 1;
  }
  flush();
  return { width: mask.width, height: mask.height, rle: runs.join(' ') };
}

export function decodeMask(encoded: EncodedMask): SegmentationMask {
  const data = new Uint8Array(encoded.width * encoded.height);
  let at = 0;
  for (const run of encoded.rle.split(' ')) {
    if (run.length < 2) continue;
    const value = Number.parseInt(run[0]!, 16) * 17;
    const length = Number.parseInt(run.slice(1), 36);
    data.fill(value, at, Math.min(data.length, at + length));
    at += length;
  }
  if (at !== data.length) throw new RangeError(`decodeMask: runs cover ${at} cells, the grid has ${data.length}`);
  return { width: encoded.width, height: encoded.height, data };
}

export function toTraceFrame(frame: PoseFrame): TraceFrame {
  const { mask, ...rest } = frame;
  return mask ? { ...rest, mask: encodeMask(mask) } : rest;
}

export function fromTraceFrame(frame: TraceFrame): PoseFrame {
  const { mask, ...rest } = frame;
  return mask ? { ...rest, mask: decodeMask(mask) } : rest;
}
