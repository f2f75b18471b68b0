/**
 * A photo analysed like a short, perfectly still video: the same picture at every sample time.
 * The checkers need a few hundred ms of a steady pose before they name a phase (their dwell
 * times), so one frame would never be enough; a still clip also gives the model's tracking a
 * few passes to settle on the person.
 */
import { sampleTimesMs, VideoFileError, type VideoClip } from './video-file';

/** How long a photo is "held" for the checker. */
export const STILL_DURATION_S = 2;

/** Same cap as video files: the models work at ≤ 384 px anyway. */
const MAX_FRAME_SIDE = 640;

export function isImageFile(file: Blob): boolean {
  return file.type.startsWith('image/');
}

export async function openImageFile(file: Blob, durationS = STILL_DURATION_S): Promise<VideoClip> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new VideoFileError('This photo could not be read. Try a JPEG or PNG picture.');
  }
  const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return {
    durationS,
    width: canvas.width,
    height: canvas.height,
    async *frames(fps: number) {
      for (const tMs of sampleTimesMs(durationS, fps)) yield { tMs, canvas };
    },
    dispose: () => {
      canvas.width = 0;
    },
  };
}
