/**
 * The home page shows every technique: a diagram of the position, the camera view it needs,
 * how long it takes and what it needs, and its steps; live techniques link to coaching with a
 * link named after the stretch, the rest say coaching is coming.
 */
import { expect, test } from '@playwright/test';
import { durationLabel, EQUIPMENT_LABELS, TECHNIQUES, VIEW_LABELS, type TechniqueDefinition } from '../../src/lib/techniques/catalog';

const startName = (technique: TechniqueDefinition) => `Start ${technique.name.charAt(0).toLowerCase()}${technique.name.slice(1)}`;

test('lists the eight techniques with a diagram, the camera view and the steps', async ({ page }) => {
  expect(TECHNIQUES).toHaveLength(8);
  await page.goto('/');
  await expect(page.getByText('Stop if you feel sharp pain').first()).toBeVisible();
  const cards = page.getByRole('list', { name: 'Techniques' }).locator(':scope > li');
  await expect(cards).toHaveCount(TECHNIQUES.length);

  for (const technique of TECHNIQUES) {
    const card = page.locator(`[data-technique="${technique.id}"]`);
    await expect(card.getByRole('heading', { name: technique.name, exact: true })).toBeVisible();

    const diagram = card.getByRole('img');
    await expect(diagram).toHaveCount(1);
    await expect(diagram).toBeVisible();
    await expect(diagram).toHaveAttribute('aria-label', /\S/);

    await expect(card.getByText(VIEW_LABELS[technique.view]).first()).toBeVisible();
    await expect(card.getByTestId('badge-time')).toHaveText(durationLabel(technique));
    await expect(card.getByTestId('badge-equipment')).toHaveText(
      technique.equipment.length > 0 ? technique.equipment.map((item) => EQUIPMENT_LABELS[item]) : ['No equipment'],
    );

    expect(technique.steps.length).toBeGreaterThanOrEqual(2);
    const steps = card.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    await expect(steps).toHaveCount(technique.steps.length);
    await expect(steps.first()).toHaveText(technique.steps[0]!);

    const start = card.getByRole('link', { name: startName(technique), exact: true });
    if (technique.live) {
      await expect(start).toBeVisible();
      await expect(start).toHaveAttribute('href', new RegExp(`(^|/)practice/${technique.id}$`));
      await expect(card.getByTestId('coming-soon')).toHaveCount(0);
    } else {
      await expect(start).toHaveCount(0);
      await expect(card.getByTestId('coming-soon')).toBeVisible();
    }
  }
  await expect(page.getByTestId('coming-soon')).toHaveCount(TECHNIQUES.filter((technique) => !technique.live).length);
  // Seven links, seven names: a screen reader's list of links tells them apart.
  const names = await page.getByRole('list', { name: 'Techniques' }).getByRole('link').allInnerTexts();
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('Start cat-cow');
});

test('a live technique\'s start link opens its practice page', async ({ page }) => {
  const live = TECHNIQUES.find((technique) => technique.live);
  test.skip(!live, 'no technique is live yet');
  await page.goto('/');
  await page.locator(`[data-technique="${live!.id}"]`).getByRole('link', { name: startName(live!) }).click();
  await expect(page).toHaveURL(new RegExp(`/practice/${live!.id}$`));
  await expect(page.getByTestId('start')).toBeVisible();
});
