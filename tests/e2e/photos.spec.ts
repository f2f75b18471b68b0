/**
 * Real photos through the real model and the real checkers, in the browser: every image in
 * ../shared/fixtures/images is uploaded on the practice page of the technique its label
 * belongs to, and the phase the checker reaches on it (held still for 2 s) is compared with
 * the label. Pass counts per label go to the test report and the console.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PHOTO_RULES } from '../fixture-labels';
import { openPractice } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, imagesDir } from './media';

const RULES = PHOTO_RULES;

const labels = FIXTURES_AVAILABLE ? readdirSync(imagesDir).sort() : [];

async function readPhoto(page: Page, photo: string): Promise<{ phase: string; metric: string }> {
  await page.getByTestId('video-file').setInputFiles(photo);
  const name = photo.split('/').pop()!;
  await expect(page.locator(`[data-testid="analysis-done"][data-file="${name}"]`)).toBeVisible({ timeout: 60_000 });
  const text = async (id: string) => (await page.getByTestId(id).textContent())?.trim() ?? '';
  return { phase: await text('phase'), metric: await text('metric') };
}

test.describe('real photos', () => {
  test.beforeEach(() => {
    test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  });

  test('every fixture label is covered by a rule', () => {
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((label) => !RULES[label])).toEqual([]);
  });

  for (const technique of [...new Set(Object.values(RULES).map((rule) => rule.technique))]) {
    test(`${technique}: the checker's phase on each photo matches its label`, async ({ page }, testInfo) => {
      await openPractice(page, technique);
      const results: string[] = [];
      const failures: string[] = [];
      for (const [label, rule] of Object.entries(RULES).filter(([, r]) => r.technique === technique)) {
        if (!labels.includes(label)) continue;
        const photos = readdirSync(join(imagesDir, label)).sort();
        let passed = 0;
        for (const photo of photos) {
          const { phase, metric } = await readPhoto(page, join(imagesDir, label, photo));
          const ok = rule.expected.includes(phase);
          if (ok) passed++;
          else if (!rule.allowedMisses?.[photo]) failures.push(`${label}/${photo}: ${phase}, expected ${rule.expected.join(' or ')}`);
          results.push(`${label}/${photo}: ${phase}, metric ${metric}${ok ? '' : ' (miss)'}`);
        }
        const summary = `${label}: ${passed}/${photos.length} photos pass`;
        testInfo.annotations.push({ type: 'photos', description: summary });
        console.log(`[photos] ${summary}`);
      }
      console.log(results.map((line) => `[photos]   ${line}`).join('\n'));
      expect(failures).toEqual([]);
    });
  }
});
