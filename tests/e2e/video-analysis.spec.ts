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
  const startedAt = Date.now();
  await page.getByTestId('video-file').setInputFiles(catCowClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 120_000 });
  console.log(`[file analysis] cat-cow clip analysed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
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

test('a long analysis shows how far it is and the time left, and Cancel stops it and frees the page', async ({ page }) => {
  await openPractice(page);
  await page.getByTestId('video-file').setInputFiles(catCowForwardBackward);
  const left = page.getByTestId('analysis-left');
  // The estimate appears once a second of video has been read, from the speed measured so far.
  await expect(left).toHaveText(/^\d+ % · (a few seconds|about \d+ (s|min)) left$/, { timeout: 60_000 });
  const shown = await left.innerText();
  expect(Number(shown.split(' %')[0])).toBeLessThan(100);
  await page.getByTestId('analysis-cancel').click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  await expect(left).toHaveCount(0);
  await expect(page.getByTestId('analysis-done')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
  // The page is free again: another file analyses to the end.
  await page.getByTestId('video-file').setInputFiles(catCowClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(CAT_COW_CLIP.reps));
});
