/**
 * The recorded traces: what the real models saw on every fixture clip and photo
 * (`npm run record-trace`, gzipped JSON in ./traces). Node only (tests and scripts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { PoseFrame } from '../pose/keypoints';
import { fromTraceFrame, type TraceFrame } from '../pose/trace';

export const TRACE_MODELS = ['lightning', 'blazepose-lite', 'blazepose-full'] as const;
export type TraceModel = (typeof TRACE_MODELS)[number];

export const TRACE_CLIPS = ['cat-cow-side', 'bridge-side', 'seated-twist-front'] as const;
export type TraceClip = (typeof TRACE_CLIPS)[number];

/** Fixture photo labels (../shared/fixtures/images/<label>/). */
export type PhotoLabel = 'bridge' | 'cat' | 'cow' | 'tabletop' | 'seated-twist' | 'standing-twist' | 'neutral-sitting' | 'neutral-standing';

export interface PhotoTrace {
  /** `<label>/<file name>` */
  file: string;
  label: PhotoLabel;
  /** Some of the frames of the photo analysed as a 2-second still (see scripts/record-trace.mjs). */
  frames: PoseFrame[];
}

const traceUrl = (name: string) => new URL(`./traces/${name}.json.gz`, import.meta.url);

function readTrace<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(traceUrl(name))).toString('utf8')) as T;
}

export function hasTrace(name: string): boolean {
  return existsSync(traceUrl(name));
}

/** A clip's frames as the model produced them, masks decoded. */
export function clipTrace(clip: TraceClip, model: TraceModel): PoseFrame[] {
  return readTrace<{ frames: TraceFrame[] }>(`${clip}.${model}`).frames.map(fromTraceFrame);
}

export function photoTraces(model: TraceModel): PhotoTrace[] {
  const { photos } = readTrace<{ photos: { file: string; label: PhotoLabel; frames: TraceFrame[] }[] }>(`photos.${model}`);
  return photos.map((photo) => ({ ...photo, frames: photo.frames.map(fromTraceFrame) }));
}

/**
 * A photo as the app analyses it: a still held for `durationMs`, the recorded frames in turn
 * (the model settles on a still over its first frames), one every 33 ms.
 */
export function photoAsStill(photo: PhotoTrace, durationMs = 2000): PoseFrame[] {
  const frames: PoseFrame[] = [];
  const count = Math.floor(durationMs / 33) + 1;
  for (let i = 0; i < count; i++) {
    const source = photo.frames[Math.min(photo.frames.length - 1, Math.floor((i / count) * photo.frames.length))]!;
    frames.push({ ...source, tMs: i * 33 });
  }
  return frames;
}

/** The frames played forward then backward `times` times, on one continuous clock. */
export function forwardBackward(frames: readonly PoseFrame[], times: number): PoseFrame[] {
  const stepMs = frames[1]!.tMs - frames[0]!.tMs;
  const loop = [...frames, ...[...frames].reverse()];
  const out: PoseFrame[] = [];
  for (let i = 0; i < times; i++) for (const frame of loop) out.push({ ...frame, tMs: out.length * stepMs });
  return out;
}

/** The frames from `fromMs` to `toMs`, re-timed to start at 0 (a clip cut at test time). */
export function cut(frames: readonly PoseFrame[], fromMs: number, toMs = Infinity): PoseFrame[] {
  const kept = frames.filter((frame) => frame.tMs >= fromMs && frame.tMs <= toMs);
  const start = kept[0]?.tMs ?? 0;
  return kept.map((frame) => ({ ...frame, tMs: frame.tMs - start }));
}

/** The frames in reverse order on a forward clock (a clip played backwards). */
export function reversed(frames: readonly PoseFrame[]): PoseFrame[] {
  const end = frames.at(-1)?.tMs ?? 0;
  return [...frames].reverse().map((frame) => ({ ...frame, tMs: end - frame.tMs }));
}
