/**
 * Makes the browser tests' media from the shared fixtures with ffmpeg: the fake camera feed
 * (.mjpeg, as DESIGN.md §6 advises), a forward/backward clip with a known rep count, and the
 * clip with the person far away.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  bridgeClip,
  bridgeOpensUp,
  bridgeReversed,
  catCowCameraFeed,
  catCowClip,
  catCowCutInCat,
  catCowFarAway,
  catCowForwardBackward,
  FIXTURES_AVAILABLE,
  FIXTURES_MISSING_REASON,
  imagesDir,
  mediaDir,
  seatedTwistCameraFeed,
  seatedTwistClip,
  sittingStillFeed,
  sittingStillPhoto,
  standingStillFeed,
  standingStillPhoto,
  twoPeopleThenOneFeed,
} from './media';

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
  if (!existsSync(catCowForwardBackward)) {
    // Forward, then backward; 30 fps like the app's analysis rate, H.264 in MP4.
    ffmpeg([
      '-i', catCowClip,
      '-filter_complex', '[0:v]fps=30,scale=360:-2,split[f][b0];[b0]reverse[b];[f][b]concat=n=2:v=1:a=0[out]',
      '-map', '[out]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', catCowForwardBackward,
    ]);
  }
  if (!existsSync(sittingStillFeed)) {
    // Six seconds of one photo at 30 fps: a person holding still for calibration.
    ffmpeg(['-loop', '1', '-i', sittingStillPhoto, '-t', '6', '-vf', 'scale=480:-2,format=yuvj420p', '-r', '30', '-q:v', '5', sittingStillFeed]);
  }
  if (!existsSync(standingStillFeed)) {
    ffmpeg(['-loop', '1', '-i', standingStillPhoto, '-t', '6', '-vf', 'scale=-2:480,format=yuvj420p', '-r', '30', '-q:v', '5', standingStillFeed]);
  }
  if (!existsSync(seatedTwistCameraFeed)) {
    // Her first frame held 4 s (the feed starts when the camera opens, and a twist whose start
    // was not seen is not counted: on a busy CI machine the first processed frame came after
    // she had begun her first twist, so the first pass counted only the left one and the
    // feed's loop the right), the clip at 30 fps, then its last frame (she sits still, facing
    // front) for 25 s. The file test covers the clip as it is, with no still start.
    ffmpeg([
      '-i', seatedTwistClip,
      '-vf', 'fps=30,scale=640:-2,tpad=start_mode=clone:start_duration=4:stop_mode=clone:stop_duration=25,format=yuvj420p',
      '-q:v', '5', '-an', seatedTwistCameraFeed,
    ]);
  }
  if (!existsSync(twoPeopleThenOneFeed)) {
    // Two standing people side by side, each 480 px high, for 5 s; then the right one covered.
    const other = join(imagesDir, 'neutral-standing/fedb_middle-back-stretch-0.jpg');
    const pair = '[0:v]scale=-2:480,setsar=1[a];[1:v]scale=-2:480,setsar=1[b];[a][b]hstack=inputs=2,split[two][base]';
    const cover = '[base]drawbox=x=iw/2:y=0:w=iw/2:h=ih:color=0x808080:t=fill[one]';
    ffmpeg([
      '-loop', '1', '-t', '5', '-i', standingStillPhoto,
      '-loop', '1', '-t', '5', '-i', other,
      '-filter_complex', `${pair};${cover};[two]fps=30,trim=duration=5[t];[one]fps=30,loop=loop=-1:size=1,trim=duration=8,setpts=N/30/TB[o];[t][o]concat=n=2:v=1,scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuvj420p[out]`,
      '-map', '[out]', '-r', '30', '-q:v', '5', twoPeopleThenOneFeed,
    ]);
  }
  if (!existsSync(catCowCutInCat)) ffmpeg(['-i', catCowClip, '-t', '6', '-vf', 'fps=30,scale=360:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', catCowCutInCat]);
  if (!existsSync(bridgeOpensUp)) ffmpeg(['-ss', '2.5', '-i', bridgeClip, '-vf', 'fps=30,scale=640:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', bridgeOpensUp]);
  if (!existsSync(bridgeReversed)) ffmpeg(['-i', bridgeClip, '-vf', 'fps=30,scale=640:-2,reverse', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', bridgeReversed]);
  if (!existsSync(catCowFarAway)) {
    // The same clip with the person a fifth of the size, in the middle of a grey frame: "too far".
    ffmpeg([
      '-i', catCowClip,
      '-vf', 'fps=30,scale=144:-2,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=0x303030',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', catCowFarAway,
    ]);
  }
}
