/**
 * Self-massage in the browser with the real model. There is no footage of anyone massaging a
 * shoulder among the fixtures, so these check what can be checked honestly: a neutral photo
 * reads as no massage (no hand on a shoulder, nothing counted), a clip of someone doing
 * something else counts no strokes, and the ball version says it is a timer, not measured.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openPractice, readTimeline } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, imagesDir } from './media';
import { fixturesDir } from '../../scripts/lib/browser.mjs';

test('the page loads and reads a photo of someone sitting still as no massage', async ({ page }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  await openPractice(page, 'self-massage');
  await page.getByTestId('safety-submit').click();
  await expect(page.getByTestId('rep-count-left')).toHaveText('0');
  const photo = join(imagesDir, 'neutral-sitting/fitguru_easy-meditation.jpg');
  await page.getByTestId('video-file').setInputFiles(photo);
  await expect(page.locator('[data-testid="analysis-done"][data-file="fitguru_easy-meditation.jpg"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('phase')).toHaveText('neutral');
  await expect(page.getByTestId('rep-count')).toHaveText('0');
  await expect(page.getByTestId('hold-seconds')).toHaveText('0.0');
  await page.screenshot({ path: testInfo.outputPath('self-massage-photo.png'), fullPage: true });
});

test('a clip of a seated twist (arms sweeping, no hand on a shoulder) counts no strokes', async ({ page }) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  await openPractice(page, 'self-massage');
  await page.getByTestId('safety-submit').click();
  await page.getByTestId('video-file').setInputFiles(join(fixturesDir, 'video/seated-twist-front.mp4'));
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('rep-count')).toHaveText('0');
  // Not even a hand read as resting on a shoulder.
  const phases = (await readTimeline(page)).map((span) => span.phase);
  expect(phases.filter((phase) => phase.startsWith('massage'))).toEqual([]);
});

test('the massage-ball version is a timer that says it is not measured', async ({ page }) => {
  await openPractice(page, 'self-massage');
  const ball = page.getByTestId('ball-timer');
  await ball.locator('summary').click();
  await expect(ball.getByTestId('ball-not-measured')).toHaveText('The camera does not check this version: it is a timer only.');
  await ball.getByTestId('ball-start').click();
  await expect(ball.getByTestId('ball-side')).toHaveText('Left side');
  await expect(ball.getByTestId('ball-remaining')).toHaveText(/^[01]:\d\d$/);
  await ball.getByTestId('ball-stop').click();
  await expect(ball.getByTestId('ball-start')).toBeVisible();
});
