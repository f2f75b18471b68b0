/** The home page lists every technique; live ones link to coaching, the rest say so. */
import { expect, test } from '@playwright/test';

test('lists the seven techniques, cat-cow live and the rest coming soon', async ({ page }) => {
  await page.goto('/');
  const cards = page.getByRole('list', { name: 'Techniques' }).getByRole('listitem');
  await expect(cards).toHaveCount(7);
  await expect(page.getByText('Stop if you feel sharp pain').first()).toBeVisible();
  const catCow = page.locator('[data-technique="cat-cow"]');
  await expect(catCow.getByRole('link', { name: 'Start coaching' })).toBeVisible();
  await expect(page.getByTestId('coming-soon')).toHaveCount(6);
  await catCow.getByRole('link', { name: 'Start coaching' }).click();
  await expect(page).toHaveURL(/\/practice\/cat-cow$/);
  await expect(page.getByTestId('start')).toBeVisible();
});
