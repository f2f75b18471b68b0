/**
 * The desk watch with the real model: a photo of someone sitting tall as the webcam, desk
 * posture watched at 3 frames a second, and a stretch break offered after a short interval
 * (?breakEvery=, seconds) on the page, as a notification and in History's upright share.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, sittingStillFeed } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: sittingStillFeed }) } });

test('watches at a low frame rate and offers a stretch break after the interval, with a notification; History shows the upright share', async ({ page }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  // Record notifications instead of showing them; permission as if the user had allowed it.
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options: { body?: string } = {}) {
        shown.push({ title, body: options.body ?? '' });
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
  await openPractice(page, 'posture', 'backend=wasm&breakEvery=8');
  await page.getByTestId('safety-submit').click();
  const watch = page.getByTestId('desk-watch');
  await expect(watch).toContainText('every 8 s at your desk');
  await watch.getByTestId('start-watch').click();
  await expect(watch.getByTestId('desk-watch-on')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('running');

  // Calibrating (3 s), then 8 s upright at the desk: the break comes.
  const reminder = page.getByTestId('desk-reminder');
  await expect(reminder).toBeVisible({ timeout: 90_000 });
  await expect(reminder).toHaveAttribute('data-kind', 'break');
  await expect(reminder).toContainText('Time for a stretch break');
  await page.screenshot({ path: testInfo.outputPath('desk-watch-reminder.png') });
  const notes = await page.evaluate(() => (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications);
  expect(notes[0]).toEqual({ title: 'Unknot: time for a stretch break', body: expect.stringContaining('roll your shoulders') });
  // The throttle holds: never more than the watch's 3 frames a second (plus rounding).
  expect(Number(await page.getByTestId('fps').innerText())).toBeLessThanOrEqual(4);
  await expect(page.getByTestId('phase')).toHaveText('upright');

  await reminder.getByTestId('dismiss-reminder').click();
  await expect(reminder).toHaveCount(0);
  await page.getByTestId('stop').click();
  await page.getByTestId('check-in-after-skip').click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('upright-today')).toContainText('100%');
});
