/** The user blocks the camera: a clear message, nothing lost. */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice } from './helpers';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ denyCamera: true }) } });

test('explains how to allow the camera and stays usable', async ({ page }) => {
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  await openPractice(page);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('Camera access was blocked');
  // Still usable: the video-file analysis is offered and the start button can be retried.
  await expect(page.getByTestId('video-file')).toBeEnabled();
  await expect(page.getByTestId('start')).toBeEnabled();
  expect(crashes).toEqual([]);
});
