/** axe-core (through @axe-core/playwright, which ships axe: no network) on the page as it is now. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.x A and AA, and axe's best practices (landmarks, headings, one main). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Fails with each violation's rule, impact and first elements, so the report says what to fix. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`).join(' | ')}`,
  );
  const unsure = results.incomplete.map((rule) => `${rule.id} ×${rule.nodes.length}`).join(', ');
  console.log(`[axe] ${where}: ${results.violations.length} violations, ${results.passes.length} rules passed${unsure ? `; to check by eye: ${unsure}` : ''}`);
  expect(violations, `axe on ${where}`).toEqual([]);
}
