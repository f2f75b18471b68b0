/**
 * The coaching screen as someone on a mat uses it: the readouts over the video without
 * scrolling on a phone, mat view big enough to read from 2–3 m, one button that keeps the
 * focus as it turns Start → Pause → Resume, Space and Escape, Stop clearing the live view,
 * a hidden tab pausing, remembered voice settings, and a model that fails to load recovering
 * with Retry. The real model with the fixture clip as the webcam.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { expectNoAxeViolations } from './axe';
import { openPractice } from './helpers';
import { catCowCameraFeed, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

const needsFixtures = () => test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);

async function startCamera(page: Page): Promise<void> {
  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await expect(page.getByTestId('metric')).toHaveText(/^-?\d+$/, { timeout: 20_000 });
}

/** The element's box lies inside the window: seen without scrolling. */
async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(-1);
  expect(box!.y + box!.height, `${what} bottom`).toBeLessThanOrEqual(viewport.height + 1);
  expect(box!.x, `${what} left`).toBeGreaterThanOrEqual(-1);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(viewport.width + 1);
}

/** Whether the skeleton canvas has anything drawn on it. */
const skeletonDrawn = (page: Page) =>
  page.locator('canvas.overlay').evaluate((canvas) => {
    const element = canvas as HTMLCanvasElement;
    const data = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data;
    return data ? data.some((value, index) => index % 4 === 3 && value > 0) : false;
  });

for (const viewport of [
  { name: 'phone upright', width: 390, height: 844 },
  { name: 'phone on its side', width: 844, height: 390 },
]) {
  test(`${viewport.name}: count, cue, gauge and the controls are on screen while practising, no scrolling`, async ({ page }) => {
    needsFixtures();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openPractice(page);
    // A first visit asks the safety questions above the stage; the user answers them once.
    await page.getByTestId('safety-submit').click();
    await expect(page.getByTestId('safety-submit')).toHaveCount(0);
    await expectInView(page, page.getByTestId('start'), 'Start');
    await startCamera(page);
    await expect(page.getByTestId('cue')).not.toHaveText('', { timeout: 30_000 });
    await expectInView(page, page.getByTestId('rep-count'), 'the rep count');
    await expectInView(page, page.getByTestId('cue'), 'the cue');
    await expectInView(page, page.getByTestId('metric'), 'the metric');
    await expectInView(page, page.locator('.gauge .track'), 'the gauge');
    await expectInView(page, page.getByTestId('stop'), 'Stop');
    await expectInView(page, page.getByRole('button', { name: 'Pause' }), 'Pause');
  });
}

test('mat view: full screen, the cue at least 5% of the screen height, readable on a laptop and a phone', async ({ page }) => {
  needsFixtures();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPractice(page);
  await startCamera(page);
  await page.getByTestId('mat-view').click();
  await expect(page.getByTestId('mat-view')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('mat-view')).toHaveText('Leave mat view');
  const fullscreen = await page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null);
  // Full screen where the browser grants it; either way the coaching area covers the window.
  expect([null, 'coach']).toContain(fullscreen);
  const cue = page.getByTestId('cue');
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
    { width: 844, height: 390 },
  ]) {
    await page.setViewportSize(size);
    await expect(cue).not.toHaveText('', { timeout: 30_000 });
    const measured = await cue.evaluate((element) => ({
      fontPx: parseFloat(getComputedStyle(element).fontSize),
      lineBoxPx: element.getBoundingClientRect().height,
      viewportPx: window.innerHeight,
    }));
    console.log(`[mat view] ${size.width}×${size.height}: cue ${measured.fontPx.toFixed(1)} px = ${((measured.fontPx / measured.viewportPx) * 100).toFixed(1)}% of the height`);
    expect(measured.fontPx / measured.viewportPx, `cue type at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(0.05);
    await expectInView(page, cue, `the cue at ${size.width}×${size.height}`);
    await expectInView(page, page.getByTestId('rep-count'), `the rep count at ${size.width}×${size.height}`);
    const coach = await page.getByTestId('coach').boundingBox();
    expect(coach).toEqual({ x: 0, y: 0, width: size.width, height: size.height });
    const countPx = await page.getByTestId('rep-count').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(countPx / size.height).toBeGreaterThanOrEqual(0.1);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('mat-view').click();
  await expect(page.getByTestId('mat-view')).toHaveText('Mat view');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('one button keeps the focus as it turns Start → Pause → Resume; Space pauses and resumes, Escape stops and clears the live view', async ({ page }) => {
  needsFixtures();
  await openPractice(page);
  const primary = page.getByTestId('start');
  await primary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toHaveText('running');
  const pause = page.getByRole('button', { name: 'Pause' });
  await expect(pause).toBeFocused();
  await expect(page.getByTestId('metric')).toHaveText(/^-?\d+$/, { timeout: 20_000 });
  await expect.poll(() => skeletonDrawn(page), { timeout: 20_000 }).toBe(true);

  // Space on the focused button is the button's own press.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveText('paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  await expect(page.getByTestId('stage')).toContainText('Paused');
  // Space anywhere else: the shortcut.
  await page.locator('h1').click();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveText('running');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveText('paused');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveText('running');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('status')).toHaveText('ready');
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.locator('#summary-title')).toBeFocused();
  // The live view is gone: no frozen skeleton, phase back to the start, no metric, hold or cue.
  expect(await skeletonDrawn(page)).toBe(false);
  await expect(page.getByTestId('phase')).toHaveText('neutral');
  await expect(page.getByTestId('metric')).toHaveText('–');
  await expect(page.getByTestId('hold-seconds')).toHaveText('0.0');
  await expect(page.getByTestId('cue')).toHaveText('');
  await expect(page.getByTestId('rep-count')).toBeHidden();
  // Cat-cow counts no holds: the summary does not show any.
  await expect(page.getByTestId('summary')).not.toContainText('Longest hold');
  await expect(page.getByTestId('start')).toHaveText('Start again');
});

test('a hidden tab pauses with a notice and resumes on return', async ({ page }) => {
  needsFixtures();
  await openPractice(page);
  await startCamera(page);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { value, configurable: true });
      Object.defineProperty(document, 'hidden', { value: value === 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await expect(page.getByTestId('status')).toHaveText('paused');
  await expect(page.getByTestId('notice')).toContainText('Paused while this tab was hidden; that time is not counted.');
  await expect(page.getByTestId('stage')).toContainText('This tab was hidden');
  await setVisibility('visible');
  await expect(page.getByTestId('status')).toHaveText('running');

  // A session the user paused stays paused when the tab comes back.
  await page.getByRole('button', { name: 'Pause' }).click();
  await setVisibility('hidden');
  await setVisibility('visible');
  await expect(page.getByTestId('status')).toHaveText('paused');
});

test('mute and the targets are remembered after a reload', async ({ page }) => {
  await openPractice(page);
  await page.getByTestId('mute').click();
  await expect(page.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');
  await page.getByText('Your targets').click();
  await page.getByTestId('target-reps').fill('12');
  await page.getByTestId('target-reps').press('Tab');
  await page.reload();
  await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('mute')).toHaveText('Unmute voice');
  await expect(page.getByTestId('target-reps')).toHaveValue('12');
});

test('a model that fails to load: a message in plain words, Start disabled, Retry loads it', async ({ page }) => {
  let failing = true;
  // The weights cannot be fetched (the connection dropped): the browser says "Failed to fetch",
  // and the model is not stored on the device yet.
  await page.route('**/models/movenet-lightning.bin', (route) => (failing ? route.abort('failed') : route.continue()));
  await page.goto('/practice/cat-cow?model=lightning&backend=wasm');
  await expect(page.getByTestId('status')).toHaveText('error', { timeout: 90_000 });
  const error = page.getByTestId('error');
  await expect(error).toContainText('This pose model is not stored on this device and could not be downloaded');
  await expect(error).toContainText('press Retry');
  // What the library said stays in the technical details, not in the message.
  await expect(error).not.toContainText(/Error|fetch/);
  await expect(page.getByTestId('error-detail')).toContainText('Failed to fetch');
  await expect(page.getByTestId('start')).toBeDisabled();
  await expect(page.getByTestId('video-file')).toBeDisabled();
  await expectNoAxeViolations(page, 'practice (model failed to load)');

  failing = false;
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
  await expect(page.getByTestId('video-file')).toBeEnabled();
});

test('a skip link is the first thing Tab reaches and jumps to the page content', async ({ page }) => {
  await page.goto('/');
  // Once the app has started (hydration may replace what had the focus before).
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('list', { name: 'Techniques' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
