/**
 * The real bridge clip analysed as a video file on the foam-roller page: the hip lift is the
 * same movement, so the lifts must be counted. Ground truth: BRIDGE_CLIP (labelled from the
 * video; the fixtures README's "4 completed lifts" does not match the footage, see there).
 */
import { expect, test } from '@playwright/test';
import { BOUNDARY_TOLERANCE_S, BRIDGE_CLIP } from '../fixture-labels';
import { openPractice, readTimeline, watchRequests } from './helpers';
import { bridgeClip, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.beforeEach(() => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
});

test('the bridge clip counts the ground-truth lifts on the foam-roller page', async ({ page, baseURL }, testInfo) => {
  const requests = watchRequests(page, new URL(baseURL!).origin);
  await openPractice(page, 'foam-roller');
  await page.getByTestId('video-file').setInputFiles(bridgeClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(BRIDGE_CLIP.completedLifts));

  // Every labelled lift is one hips-up span that starts within the tolerance of the label
  // (ends lag by design: the checker leaves hips-up two thirds of the way down, after a dwell).
  const hipsUp = (await readTimeline(page)).filter((span) => span.phase === 'hips-up');
  expect(hipsUp.map((span) => span.startMs / 1000)).toHaveLength(BRIDGE_CLIP.hipsUp.length);
  hipsUp.forEach((span, i) => {
    expect(Math.abs(span.startMs / 1000 - BRIDGE_CLIP.hipsUp[i]!.startS)).toBeLessThanOrEqual(BOUNDARY_TOLERANCE_S);
  });
  await page.screenshot({ path: testInfo.outputPath('foam-roller-analysis.png'), fullPage: true });
  expect(requests.foreign()).toEqual([]);
});
