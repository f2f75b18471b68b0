/** A machine with no camera at all: a clear message, video files still work. */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice } from './helpers';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ noCamera: true }) } });

test('says no camera was found and offers the video file instead', async ({ page }) => {
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  await openPractice(page);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('No camera was found');
  await expect(page.getByTestId('video-file')).toBeEnabled();
  expect(crashes).toEqual([]);
});
