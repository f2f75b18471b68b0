/**
 * Makes the browser tests' media from the shared fixtures with ffmpeg: the fake camera feed
 * (.mjpeg, as DESIGN.md §6 advises), a forward/backward clip with a known rep count, and the
 * clip with the person far away.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { catCowCameraFeed, catCowClip, catCowFarAway, catCowForwardBackward3, sittingStillFeed, sittingStillPhoto, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, mediaDir } from './media';

function ffmpeg(args: string[]): void {
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' });
  } catch (error) {
    throw new Error(`ffmpeg failed (is it installed? .ci/run installs it): ${String(error)}`);
  }
}

export default function globalSetup(): void {
  if (!FIXTURES_AVAILABLE) {
    console.warn(`[e2e] ${FIXTURES_MISSING_REASON}; those tests will be skipped.`);
    return;
  }
  mkdirSync(mediaDir, { recursive: true });
  if (!existsSync(catCowCameraFeed)) {
    ffmpeg(['-i', catCowClip, '-vf', 'scale=640:-2', '-r', '30', '-q:v', '5', '-an', catCowCameraFeed]);
  }
  if (!existsSync(catCowForwardBackward3)) {
    // Forward, backward, three times over; 30 fps like the app's analysis rate, H.264 in MP4.
    ffmpeg([
      '-i', catCowClip,
      '-filter_complex',
      '[0:v]fps=30,scale=360:-2,split[f][b0];[b0]reverse[b];[f][b]concat=n=2:v=1:a=0,loop=loop=2:size=606:start=0[out]',
      '-map', '[out]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', catCowForwardBackward3,
    ]);
  }
  if (!existsSync(sittingStillFeed)) {
    // Six seconds of one photo at 30 fps: a person holding still for calibration.
    ffmpeg(['-loop', '1', '-i', sittingStillPhoto, '-t', '6', '-vf', 'scale=480:-2,format=yuvj420p', '-r', '30', '-q:v', '5', sittingStillFeed]);
  }
  if (!existsSync(catCowFarAway)) {
    // The same clip with the person a fifth of the size, in the middle of a grey frame: "too far".
    ffmpeg([
      '-i', catCowClip,
      '-vf', 'fps=30,scale=144:-2,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=0x303030',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', catCowFarAway,
    ]);
  }
}
