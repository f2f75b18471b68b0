/**
 * Truth on real people (issue #8), with the real model in Chromium on real footage:
 * the wrong body position counts nothing, a seated twist that starts moving at once counts one
 * twist each side (as a file and through the camera), a still standing person calibrates on the
 * standing rotation, two people in view stop the count until one leaves, and a clip that ends
 * mid-movement or opens mid-lift counts only whole movements.
 */
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';
import { openPractice, recordTextValues, seenTextValues } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, standingStillFeed } from './media';

test.beforeEach(() => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
});

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: standingStillFeed }) } });

test.describe('standing still on the standing rotation', () => {
  test('a still, front-facing standing person calibrates: countdown, then neutral, never a twist', async ({ page }, testInfo) => {
    await openPractice(page, 'standing-rotation');
    await recordTextValues(page, 'phase');
    await page.getByTestId('start').click();
    await expect(page.getByTestId('calibration')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: testInfo.outputPath('standing-calibrating.png') });
    await expect(page.getByTestId('calibration')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('phase')).toHaveText('neutral');
    const phases = await seenTextValues(page, 'phase');
    expect(phases).toContain('calibrating');
    expect(phases.filter((phase) => phase.startsWith('twist') || phase === 'wrong-position' || phase === 'wrong-view')).toEqual([]);
    // Calibrated to this person (no typical-baseline note).
    await expect(page.getByTestId('stage-note')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('standing-calibrated.png') });
  });
});
