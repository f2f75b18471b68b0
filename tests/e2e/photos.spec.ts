/**
 * Real photos through the real model and the real checkers, in the browser: every image in
 * ../shared/fixtures/images is uploaded on the practice page of the technique its label
 * belongs to, and the phase the checker reaches on it (held still for 2 s) is compared with
 * the label. Pass counts per label go to the test report and the console.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openPractice } from './helpers';
import { FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, imagesDir } from './media';

interface LabelRule {
  technique: string;
  /** Phases that count as right for this label. */
  expected: readonly string[];
  /** Photos this label may miss, each with the reason (a genuinely ambiguous picture). */
  allowedMisses?: Record<string, string>;
}

const RULES: Record<string, LabelRule> = {
  bridge: {
    technique: 'foam-roller',
    expected: ['hips-up'],
    allowedMisses: {
      // A SUPPORTED bridge: the pelvis rests on a bolster, the person is not lifting. Hips sit
      // 0.30 torso lengths above the ankles at a 152° hip angle, between the clip's resting
      // (0.1, 131–148°) and lifted (0.4, 179–187°) readings.
      'lucapomer_train-batch2-File9.jpg': 'a passive supported bridge on a bolster, halfway between rest and lift',
    },
  },
  cat: { technique: 'cat-cow', expected: ['cat'] },
  cow: { technique: 'cat-cow', expected: ['cow'] },
  tabletop: { technique: 'cat-cow', expected: ['neutral'] },
  'seated-twist': {
    technique: 'seated-twist',
    expected: ['twist-left', 'twist-right'],
    allowedMisses: {
      // free-exercise-db's picture 0 of an exercise is its STARTING position (picture 1 the end;
      // compare cat-stretch-0, filed under tabletop): here he sits side-on, not yet turned.
      // BlazePose reads shoulders −78° and hips −84° to the camera: a 6° twist. Reads neutral.
      'fedb_dancers-stretch-0.jpg': 'the starting position of the exercise, not yet twisted',
    },
  },
  'neutral-sitting': { technique: 'seated-twist', expected: ['neutral'] },
  'standing-twist': { technique: 'standing-rotation', expected: ['twist-left', 'twist-right'] },
  'neutral-standing': { technique: 'standing-rotation', expected: ['neutral'] },
};

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
