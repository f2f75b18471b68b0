/**
 * Frame-by-frame analysis of a recorded video file. The file is demuxed and decoded
 * sequentially with WebCodecs (through mediabunny) at exact sample times, so the same file
 * always gives the same frames, and far faster than seeking a <video> element (a seek in a
 * long-GOP H.264 file re-decodes from the last keyframe: ~220 ms a frame here).
 */
import { ALL_FORMATS, BlobSource, CanvasSink, Input, UnsupportedInputFormatError } from 'mediabunny';

export class VideoFileError extends Error {
  constructor(
    message: string,
    /** What the decoder said, for the technical details. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'VideoFileError';
  }
}

export interface DecodedFrame {
  /** Media time of the sample point, ms from the start of the clip. */
  tMs: number;
  canvas: HTMLCanvasElement;
}

export interface VideoClip {
  durationS: number;
  width: number;
  height: number;
  /** Decodes the frame shown at each sample time, in order. */
  frames(fps: number): AsyncGenerator<DecodedFrame>;
  dispose(): void;
}

/** Frames larger than this (longer side) are scaled down: the models work at ≤ 256 px. */
const MAX_FRAME_SIDE = 640;

/** Media times (ms) at which a clip of `durationS` is sampled at `fps`. */
export function sampleTimesMs(durationS: number, fps: number): number[] {
  const count = Math.floor(durationS * fps + 1e-6);
  return Array.from({ length: count }, (_, i) => Math.round((i * 1000) / fps));
}

export async function openVideoFile(file: Blob): Promise<VideoClip> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new VideoFileError('This file has no video in it.');
    if (!(await track.canDecode())) {
      throw new VideoFileError(`This browser cannot decode this video (${track.codec ?? 'unknown codec'}). Try an MP4 (H.264) or WebM recording.`);
    }
    const durationS = await input.computeDuration();
    if (!Number.isFinite(durationS) || durationS <= 0) throw new VideoFileError('This video has no length.');
    const { displayWidth, displayHeight } = track;
    const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(displayWidth, displayHeight));
    const width = Math.round(displayWidth * scale);
    const height = Math.round(displayHeight * scale);
    // Four canvases: the frame being answered (drawn once it is), the next one already with the
    // model (two in flight in the worker), the one decoding (read ahead), one spare.
    const sink = new CanvasSink(track, { width, height, fit: 'fill', poolSize: 4 });
    const firstTimestampS = await track.getFirstTimestamp();
    return {
      durationS,
      width,
      height,
      async *frames(fps: number) {
        const times = sampleTimesMs(durationS, fps);
        const wrapped = sink.canvasesAtTimestamps(times.map((tMs) => firstTimestampS + tMs / 1000));
        let index = 0;
        for await (const frame of wrapped) {
          const tMs = times[index++];
          if (tMs === undefined) break;
          // Before the first frame there is nothing to show; not an error.
          if (!frame || !(frame.canvas instanceof HTMLCanvasElement)) continue;
          yield { tMs, canvas: frame.canvas };
        }
      },
      dispose: () => input.dispose(),
    };
  } catch (error) {
    input.dispose();
    if (error instanceof VideoFileError) throw error;
    if (error instanceof UnsupportedInputFormatError) {
      throw new VideoFileError('This file is not a video format Unknot can read. Try an MP4 or WebM recording.');
    }
    throw new VideoFileError('This video could not be read. Try another recording, or save it again as MP4 or WebM.', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}
