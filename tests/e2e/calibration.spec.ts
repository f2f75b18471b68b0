/**
 * Calibration with the real model and a real photo as the webcam: someone sitting tall and
 * still in front of the camera. The seated twist shows a countdown, then the neutral; the
 * re-calibrate button starts the countdown again.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice, recordTextValues, seenTextValues } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, sittingStillFeed } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: sittingStillFeed }) } });

test('seated twist: a countdown while calibrating, then neutral; re-calibrate starts it again', async ({ page }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  await openPractice(page, 'seated-twist');
  await recordTextValues(page, 'phase');
  await page.getByTestId('start').click();
  const banner = page.getByTestId('calibration');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/\d\.\d s/);
  await page.screenshot({ path: testInfo.outputPath('calibrating.png') });

  await expect(page.getByTestId('phase')).toHaveText('neutral', { timeout: 30_000 });
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('rep-count-left')).toHaveText('0');
  await expect(page.getByTestId('rep-count-right')).toHaveText('0');

  await page.getByTestId('recalibrate').click();
  await expect(page.getByTestId('phase')).toHaveText('calibrating');
  await expect(page.getByTestId('phase')).toHaveText('neutral', { timeout: 30_000 });
  // Never a twist: the person does not move.
  expect((await seenTextValues(page, 'phase')).filter((phase) => phase.startsWith('twist'))).toEqual([]);
});
