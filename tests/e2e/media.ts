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
/** The cat-cow clip played forward then backward once (CAT_COW_FORWARD_BACKWARD_X1_REPS). */
export const catCowForwardBackward = join(mediaDir, 'cat-cow-forward-backward.mp4');
/** Glute bridges seen from the side: the foam-roller step's hip lift (labels: BRIDGE_CLIP). */
export const bridgeClip = join(fixturesDir, 'video/bridge-side.mp4');
/** Real photos, one folder per label. */
export const imagesDir = join(fixturesDir, 'images');
/** The cat-cow clip shrunk to a fifth in a grey frame: the person is too far away to coach. */
export const catCowFarAway = join(mediaDir, 'cat-cow-far-away.mp4');
/** A still photo of someone sitting tall, facing the camera, as a looping webcam feed (calibration). */
export const sittingStillFeed = join(mediaDir, 'neutral-sitting-still.mjpeg');
export const sittingStillPhoto = join(fixturesDir, 'images/neutral-sitting/fitguru_easy-meditation.jpg');
/** The seated twist on a chair, from the front (labels: SEATED_TWIST_CLIP). */
export const seatedTwistClip = join(fixturesDir, 'video/seated-twist-front.mp4');
/** That clip as the fake webcam's feed, its first frame held 2 s and its last 25 s, so one loop is one practice. */
export const seatedTwistCameraFeed = join(mediaDir, 'seated-twist-then-still-4s.mjpeg');
/** A photo of someone standing tall facing the camera, as a looping webcam feed (calibration on standing rotation). */
export const standingStillPhoto = join(fixturesDir, 'images/neutral-standing/lucapomer_mountain_File160.jpg');
export const standingStillFeed = join(mediaDir, 'neutral-standing-still.mjpeg');
/**
 * Two people in view, then one: two fixture photos side by side (ffmpeg hstack) for 5 s, then
 * the same frame with the second person covered for 8 s, as a webcam feed.
 */
export const twoPeopleThenOneFeed = join(mediaDir, 'two-people-then-one.mjpeg');
/** The cat-cow clip cut at 6 s, in the middle of cat: the rep still counts. */
export const catCowCutInCat = join(mediaDir, 'cat-cow-cut-0-6s.mp4');
/** The bridge clip from 2.5 s on: it opens with the hips up, so that lift does not count. */
export const bridgeOpensUp = join(mediaDir, 'bridge-from-2.5s.mp4');
/** The bridge clip played backwards. */
export const bridgeReversed = join(mediaDir, 'bridge-reversed.mp4');
