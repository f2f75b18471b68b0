/** Media made from the shared fixtures at test time (never committed). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, projectRoot } from '../../scripts/lib/browser.mjs';

export const FIXTURES_AVAILABLE = existsSync(join(fixturesDir, 'video/cat-cow-side.mp4'));
export const FIXTURES_MISSING_REASON = `../shared/fixtures is not beside the project (looked in ${fixturesDir}); the browser tests that play real clips need it`;

export const mediaDir = join(projectRoot, '.cache/e2e');
export const catCowClip = join(fixturesDir, 'video/cat-cow-side.mp4');
/** The cat-cow clip as the fake webcam's feed (Chromium loops it). */
export const catCowCameraFeed = join(mediaDir, 'cat-cow.mjpeg');
/** The cat-cow clip played forward then backward three times: exactly 3 reps. */
export const catCowForwardBackward3 = join(mediaDir, 'cat-cow-forward-backward-x3.mp4');
/** Glute bridges seen from the side: the foam-roller step's hip lift (labels: BRIDGE_CLIP). */
export const bridgeClip = join(fixturesDir, 'video/bridge-side.mp4');
/** Real photos, one folder per label. */
export const imagesDir = join(fixturesDir, 'images');
/** The cat-cow clip shrunk to a fifth in a grey frame: the person is too far away to coach. */
export const catCowFarAway = join(mediaDir, 'cat-cow-far-away.mp4');
/** A still photo of someone sitting tall, facing the camera, as a looping webcam feed (calibration). */
export const sittingStillFeed = join(mediaDir, 'neutral-sitting-still.mjpeg');
export const sittingStillPhoto = join(fixturesDir, 'images/neutral-sitting/fitguru_easy-meditation.jpg');
