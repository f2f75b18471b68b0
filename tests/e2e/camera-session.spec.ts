/** A live session: the real model in Chromium, the fixture clip as the webcam. */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice, recordTextValues, seenTextValues, watchRequests } from './helpers';
import { catCowCameraFeed, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

test('cat-cow from the camera: running, both phases, a rep within two loops, no foreign requests', async ({ page, baseURL }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  const requests = watchRequests(page, new URL(baseURL!).origin);
  await openPractice(page);
  await recordTextValues(page, 'phase');

  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('running');

  // The clip is 10.1 s and loops; two loops is ~20 s of camera time.
  await expect(page.getByTestId('rep-count')).not.toHaveText('0', { timeout: 25_000 });
  const phases = await seenTextValues(page, 'phase');
  expect(phases).toContain('cat');
  expect(phases).toContain('cow');
  expect(Number(await page.getByTestId('fps').innerText())).toBeGreaterThan(0);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('metric')).toHaveText(/^-?\d+$/);
  await page.screenshot({ path: testInfo.outputPath('practice-camera.png') });

  await page.getByTestId('stop').click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  expect(requests.count()).toBeGreaterThan(5);
  expect(requests.foreign()).toEqual([]);
});

test('pause freezes the counters and resume continues', async ({ page }) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  await openPractice(page);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('status')).toHaveText('paused');
  const metricWhilePaused = await page.getByTestId('metric').innerText();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('metric')).toHaveText(metricWhilePaused);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await expect(page.getByTestId('metric')).not.toHaveText(metricWhilePaused, { timeout: 10_000 });
});
