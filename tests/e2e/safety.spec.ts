/**
 * Issue #12 in the browser: the /safety page and its links, the safety check before the
 * first session, the pain check-in before and after a session and its way through History's
 * export and import, and "Stop — it hurts" (the session saved with the pain stop, a routine
 * stopped). The webcam is Chromium's fake device: no person in it, so nothing is counted,
 * which these tests do not need.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_ROUTINE } from '../../src/lib/routines/routine';
import { openPractice } from './helpers';

/** The safety check answered "none", so it does not cover the page in tests about other things. */
async function answerSafetyCheck(page: Page): Promise<void> {
  await expect(page.getByTestId('safety-check')).toBeVisible();
  await page.getByTestId('safety-submit').click();
  await expect(page.getByTestId('safety-check')).toHaveCount(0);
}

/** A camera session on the practice page: the before check-in, start, a moment, and how it ended. */
async function cameraSession(page: Page, before: number | 'skip'): Promise<void> {
  if (before === 'skip') await page.getByTestId('check-in-before-skip').click();
  else await page.getByTestId(`check-in-before-${before}`).click();
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await page.waitForTimeout(1500);
}

test('the safety page says when to see whom, and home, practice pages and the summary link to it', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('safety-link').click();
  await expect(page).toHaveURL(/\/safety$/);
  await expect(page.getByRole('heading', { name: 'When to see a professional', level: 1 })).toBeVisible();
  await expect(page.getByTestId('urgent-flags')).toContainText('fever, chest pain or trouble breathing');
  await expect(page.getByTestId('red-flags')).toContainText('Numbness, tingling or weakness');
  await expect(page.getByTestId('red-flags')).toContainText('fall');
  const professionals = page.getByTestId('professionals');
  await expect(professionals.locator('[data-professional="physical-therapist"]')).toContainText('personal exercise plan');
  await expect(professionals.locator('[data-professional="chiropractor"]')).toContainText('spinal manipulation');
  await expect(professionals.locator('[data-professional="massage-therapist"]')).toContainText('massage');
  await page.screenshot({ path: testInfo.outputPath('safety.png'), fullPage: true });

  // Every practice page links to it.
  for (const technique of ['cat-cow', 'self-massage', 'posture']) {
    await page.goto(`/practice/${technique}?backend=wasm`);
    await expect(page.getByTestId('safety-link')).toHaveAttribute('href', /\/safety$/);
  }
  // And the session summary.
  await openPractice(page, 'self-hug');
  await answerSafetyCheck(page);
  await cameraSession(page, 'skip');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.getByTestId('summary-safety-link').click();
  await expect(page).toHaveURL(/\/safety$/);
});

test('the safety check comes before the first session; a red flag advises a professional, practice stays possible, the answer is kept and can be changed', async ({ page }, testInfo) => {
  await openPractice(page, 'cat-cow');
  const check = page.getByTestId('safety-check');
  await expect(check).toHaveAttribute('data-reason', 'first-session');
  await page.screenshot({ path: testInfo.outputPath('first-check.png') });
  await check.getByTestId('flag-nerves').check();
  await check.getByTestId('safety-submit').click();
  await expect(page.getByTestId('safety-advice')).toContainText('See a doctor or physical therapist');
  // Advice, not a lock: the camera still starts.
  await expect(page.getByTestId('start')).toBeEnabled();

  // Kept: not asked again on another practice page, and shown on /safety.
  await openPractice(page, 'self-hug');
  await expect(page.getByTestId('safety-check')).toHaveCount(0);
  await page.goto('/safety');
  await expect(page.getByTestId('safety-answered')).toContainText('1 warning sign');
  await page.getByTestId('safety-change').click();
  await expect(page.getByTestId('flag-nerves')).toBeChecked();
  await page.getByTestId('flag-nerves').uncheck();
  await page.getByTestId('flag-urgent').check();
  await page.getByTestId('safety-submit').click();
  await expect(page.getByTestId('safety-page-advice')).toContainText('Get medical help now');
  await page.reload();
  await expect(page.getByTestId('safety-answered')).toContainText('1 warning sign');
  await expect(page.getByTestId('safety-page-advice')).toContainText('Get medical help now');
});

test('"Stop — it hurts" ends the session at once, saves it with the pain stop, advises, and a high rating brings the safety check back', async ({ page }) => {
  await openPractice(page, 'self-hug');
  await answerSafetyCheck(page);
  await cameraSession(page, 5);
  await page.getByTestId('pain-stop').click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  await expect(page.getByTestId('pain-advice')).toContainText('You stopped because it hurt');
  await expect(page.getByTestId('pain-advice').getByRole('link', { name: /When to see a professional/ })).toHaveAttribute('href', /\/safety$/);
  await page.getByTestId('check-in-after-8').click();
  await expect(page.getByTestId('safety-check')).toHaveAttribute('data-reason', 'high-pain');
  await page.getByTestId('safety-dismiss').click();

  // Client-side navigation: the page's last write finishes on the way.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const session = page.getByTestId('session');
  await expect(session).toHaveCount(1);
  await expect(session.getByTestId('session-status')).toHaveText('Stopped: it hurt');
  await expect(session.getByTestId('session-check-in')).toHaveText('pain 5 → 8');
});

test('"Stop — it hurts" in a routine stops the routine too, and the step\'s session is saved', async ({ page }) => {
  await page.goto('/routines');
  await expect(page.getByTestId('routines-loading')).toHaveCount(0);
  await page.locator(`[data-routine-id="${DEFAULT_ROUTINE.id}"]`).getByTestId('start-routine').click();
  await expect(page).toHaveURL(/\/practice\/cat-cow\?routine=run-[\w-]+&step=0$/);
  const runId = new URL(page.url()).searchParams.get('routine')!;
  await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
  await answerSafetyCheck(page);
  await cameraSession(page, 3);
  await page.getByTestId('routine-bar').getByTestId('routine-pain-stop').click();
  await expect(page.getByTestId('routine-ended')).toContainText('Routine stopped: it hurt.');
  await expect(page.getByTestId('status')).toHaveText('ready');
  await expect(page.getByTestId('pain-advice')).toBeVisible();
  await page.getByTestId('check-in-after-skip').click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Routines' }).click();
  await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('run-status')).toHaveText('Ended early');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const session = page.getByTestId('session');
  await expect(session).toHaveCount(1);
  await expect(session.getByTestId('session-status')).toHaveText('Stopped: it hurt');
  await expect(session.getByTestId('session-check-in')).toHaveText('pain 3 before');
});

test('the check-in survives export and import into a fresh browser, in JSON and in the CSV', async ({ page, browser }) => {
  await openPractice(page, 'self-hug');
  await answerSafetyCheck(page);
  await cameraSession(page, 6);
  await page.getByTestId('stop').click();
  await page.getByTestId('check-in-after-2').click();
  await expect(page.getByTestId('check-in-after')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('session').getByTestId('session-check-in')).toHaveText('pain 6 → 2');
  await expect(page.getByTestId('pain-section')).toBeVisible();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const exported = readFileSync(await json.path()).toString('utf8');
  const file = JSON.parse(exported) as { schemaVersion: number; sessions: { painBefore: unknown; painAfter: unknown; painStopMs: unknown }[] };
  expect(file.schemaVersion).toBe(2);
  expect(file.sessions).toHaveLength(1);
  expect(file.sessions[0]).toMatchObject({ painBefore: 6, painAfter: 2, painStopMs: null });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const rows = readFileSync(await csv.path()).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows[0]).toContain('pain_before,pain_after,pain_stop_s');
  expect(rows.slice(1)).toHaveLength(1);
  expect(rows[1]).toMatch(/,6,2,$/);

  // Another browser profile: empty storage, then the file.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/history');
  await expect(other.getByTestId('history-empty')).toBeVisible();
  await other.getByTestId('import-file').setInputFiles({ name: 'unknot.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(other.getByTestId('import-result')).toContainText('Imported 1 session');
  await expect(other.getByTestId('session').getByTestId('session-check-in')).toHaveText('pain 6 → 2');
  await expect(other.getByTestId('pain-by-technique').locator('[data-technique="self-hug"]').getByTestId('pain-before')).toHaveText('before 6');
  await expect(other.getByTestId('pain-by-technique').locator('[data-technique="self-hug"]').getByTestId('pain-after')).toHaveText('after 2');
  await fresh.close();
});
