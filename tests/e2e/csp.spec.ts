/**
 * The Content-Security-Policy: a whole camera session (single-threaded and threaded WASM) and
 * the other pages raise no violation, and a request to another origin is refused by the browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice, poseWorkerRefusalOfOtherOrigins } from './helpers';
import { catCowCameraFeed, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

/** Collects violations in the page (from its first script on) and CSP complaints on the console (workers too). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleComplaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleComplaints.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`));
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...consoleComplaints];
}

test('the page sets a policy that names no other origin', async ({ page }) => {
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(policy).toMatch(/default-src 'self'/);
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
  expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'|'unsafe-inline'/);
});

test('a request to another origin is refused and reported', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  const outcome = await page.evaluate(() => fetch('https://example.com/track.gif').then(() => 'loaded', () => 'refused'));
  expect(outcome).toBe('refused');
  expect((await violations()).join('\n')).toMatch(/connect-src https:\/\/example\.com\/track\.gif/);
});

test('the pose worker has the same rules: a request from it to another origin is refused and reported', async ({ page }) => {
  // A worker takes its policy from its own response (the preview server and the service worker send it), not the page's.
  await openPractice(page, 'cat-cow', 'backend=wasm');
  expect(await poseWorkerRefusalOfOtherOrigins(page)).toBe('connect-src');
});

for (const threads of [1, 2]) {
  test(`a whole camera session raises no violation (WASM on ${threads} thread${threads > 1 ? 's' : ''})`, async ({ page }) => {
    test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
    const violations = await watchViolations(page);
    if (threads > 1) {
      // tfjs runs at most half the cores' threads; this machine may have two, so the page is told four.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 2 * threads });
    }
    // bench=1 exposes the session, to read the threads the model really runs on. On 2 threads
    // the model runs on the page (worker=0): the core count told above reaches the page but not
    // the pose worker, where tfjs reads the machine's own two cores and runs one thread. (The
    // page's policy is what governs the threads' blob: workers there.)
    await openPractice(page, 'cat-cow', `backend=wasm&threads=${threads > 1 ? threads : 'off'}&bench=1${threads > 1 ? '&worker=0' : ''}`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // The threaded workers start from blob: URLs and load their code from another; a policy
    // that refused them would leave the model on one thread (the detector falls back).
    expect(await page.evaluate(() => (window as unknown as { __unknot: { threads: number } }).__unknot.threads)).toBe(threads);
    await page.getByTestId('start').click();
    await expect(page.getByTestId('status')).toHaveText('running');
    await expect(page.getByTestId('rep-count')).not.toHaveText('0', { timeout: 60_000 });
    await page.getByTestId('stop').click();
    await expect(page.getByTestId('summary')).toBeVisible();
    // The keypoint download is a blob URL.
    await page.getByTestId('video-file').waitFor({ state: 'attached' });
    await page.goto('/history');
    await expect(page.getByTestId('session')).toHaveCount(1);
    await page.goto('/routines');
    await expect(page.getByRole('heading', { name: 'Routines', level: 1 })).toBeVisible();
    expect(await violations()).toEqual([]);
  });
}
