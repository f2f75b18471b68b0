/** Recorded-video analysis with the real model: exact reps and phase timing against the labels. */
import { expect, test } from '@playwright/test';
import { CAT_COW_CLIP, CAT_COW_FORWARD_BACKWARD_X1_REPS, compareCatCowTimeline } from '../fixture-labels';
import { openPractice, readTimeline, watchRequests } from './helpers';
import { catCowClip, catCowForwardBackward, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.beforeEach(() => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
});

test('the cat-cow clip gives the ground-truth rep count and phase timeline', async ({ page, baseURL }, testInfo) => {
  const requests = watchRequests(page, new URL(baseURL!).origin);
  await openPractice(page);
  await page.getByTestId('video-file').setInputFiles(catCowClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(CAT_COW_CLIP.reps));
  const timeline = await readTimeline(page);
  expect(compareCatCowTimeline(timeline)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('practice-analysis.png'), fullPage: true });
  expect(requests.foreign()).toEqual([]);
});

test(`the clip played forward then backward gives exactly ${CAT_COW_FORWARD_BACKWARD_X1_REPS} reps`, async ({ page }) => {
  await openPractice(page);
  await page.getByTestId('video-file').setInputFiles(catCowForwardBackward);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 170_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(CAT_COW_FORWARD_BACKWARD_X1_REPS));
});
