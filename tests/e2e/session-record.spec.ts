/**
 * Sessions are recorded as they happen, in the real IndexedDB: an analysed clip appears in
 * History with its reps (list and chart), and a reload mid-session loses nothing and offers
 * to resume.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { toJsonExport } from '../../src/lib/storage/export';
import { sampleRep, sampleSession } from '../../src/lib/storage/sample-records';
import { CAT_COW_CLIP } from '../fixture-labels';
import { openPractice } from './helpers';
import { catCowCameraFeed, catCowClip, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

const needsFixtures = () => test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);

test('the analysed cat-cow clip becomes a session in History, in the list and the chart', async ({ page }, testInfo) => {
  needsFixtures();
  await openPractice(page);
  await page.getByTestId('video-file').setInputFiles(catCowClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('summary-reps')).toHaveText(String(CAT_COW_CLIP.reps));
  await page.screenshot({ path: testInfo.outputPath('summary.png'), fullPage: true });

  await page.goto('/history?technique=cat-cow');
  const sessions = page.getByTestId('session');
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first().getByTestId('session-reps')).toHaveText(`${CAT_COW_CLIP.reps} rep`);
  const repsChart = page.getByTestId('chart-reps');
  await expect(repsChart.locator('canvas').first()).toBeVisible();
  const plotted = await repsChart.getByTestId('chart-data').locator('tbody tr td').allInnerTexts();
  expect(plotted).toContain(String(CAT_COW_CLIP.reps));
  await page.screenshot({ path: testInfo.outputPath('history.png'), fullPage: true });
});

test('a reload mid-session keeps the session, which can be resumed and carries on counting', async ({ page }) => {
  needsFixtures();
  await openPractice(page);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await expect(page.getByTestId('rep-count')).not.toHaveText('0', { timeout: 30_000 });
  const repsBefore = Number(await page.getByTestId('rep-count').innerText());
  // The autosave writes at most once a second; a reload may lose at most that.
  await page.waitForTimeout(1500);
  await page.reload();

  // Same tab after the reload: the unfinished session is offered straight away, and one
  // press continues it (the camera starts) with the counters showing the carried reps.
  await expect(page.getByTestId('resume-offer')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('resume-reps')).toHaveText(String(repsBefore));
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('status')).toHaveText('running', { timeout: 30_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(repsBefore));
  await expect(page.getByTestId('rep-count')).toBeVisible();
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
  await expect(page.getByTestId('rep-count')).toHaveText(String(repsBefore + 1), { timeout: 30_000 });
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('summary-reps')).toHaveText(String(repsBefore + 1));

  // One session in History, not two.
  await page.goto('/history?technique=cat-cow');
  await expect(page.getByTestId('session')).toHaveCount(1);
  await expect(page.getByTestId('session').first().getByTestId('session-reps')).toHaveText(`${repsBefore + 1} ${repsBefore + 1 === 1 ? 'rep' : 'reps'}`);
});

test('storage turned off (private mode): the page says so and practice still counts', async ({ page }) => {
  needsFixtures();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  });
  await openPractice(page);
  await expect(page.getByTestId('storage-error')).toContainText('will not be saved');
  await page.getByTestId('video-file').setInputFiles(catCowClip);
  await expect(page.getByTestId('analysis-done')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('rep-count')).toHaveText(String(CAT_COW_CLIP.reps));
  await expect(page.getByTestId('summary-reps')).toHaveText(String(CAT_COW_CLIP.reps));
});

test('the home page offers back a session left unfinished (closed tab), to resume or close', async ({ page }, testInfo) => {
  const yesterday = Date.now() - 86_400_000;
  const unfinished = sampleSession({
    id: 'left-open',
    techniqueId: 'self-hug',
    status: 'active',
    startedAt: yesterday,
    endedAt: yesterday + 60_000,
    reps: [sampleRep({ tMs: 5000 }), sampleRep({ tMs: 12_000 })],
  });
  await page.goto('/history');
  await expect(page.getByTestId('import-file')).toBeEnabled();
  const file = toJsonExport({ sessions: [unfinished], routines: [], routineRuns: [] }, Date.now());
  await page.getByTestId('import-file').setInputFiles({ name: 'unfinished.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 session');

  await page.goto('/');
  const offer = page.getByTestId('unfinished');
  await expect(offer).toContainText('Self-hug');
  await expect(offer).toContainText('2 reps so far');
  await expect(offer.getByRole('link', { name: 'Resume' })).toHaveAttribute('href', /\/practice\/self-hug$/);
  await page.screenshot({ path: testInfo.outputPath('home-unfinished.png') });
  await offer.getByRole('button', { name: 'Close it' }).click();
  await expect(offer).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('heading', { name: /Loosen a stiff upper back/ })).toBeVisible();
  await expect(page.getByTestId('unfinished')).toHaveCount(0);
  await page.goto('/history');
  await expect(page.locator('[data-session-id="left-open"]').getByTestId('session-status')).toHaveText('Interrupted');
});
