/**
 * The routines page on real IndexedDB in Chromium: the built-in routine, making, checking,
 * keeping and deleting a routine of one's own, starting a run onto the first practice page
 * with the routine bar, following it to the end, and storage turned off. Each test starts
 * from an empty database (Playwright gives every test a fresh context).
 */
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_ROUTINE } from '../../src/lib/routines/routine';

async function openRoutines(page: Page): Promise<void> {
  await page.goto('/routines');
  await expect(page.getByTestId('routines-loading')).toHaveCount(0);
}

/** A two-step routine through the editor: cat-cow 4 reps, then self-hug 2 reps holding 6 s. */
async function makeRoutine(page: Page, name: string): Promise<void> {
  await page.getByTestId('new-routine').click();
  const editor = page.getByTestId('routine-editor');
  await editor.getByTestId('routine-name').fill(name);
  const steps = editor.getByTestId('editor-step');
  await expect(steps).toHaveCount(2);
  await steps.nth(0).getByTestId('step-reps').fill('4');
  await steps.nth(0).getByTestId('step-rest').fill('10');
  await steps.nth(1).getByTestId('step-technique').selectOption('self-hug');
  await steps.nth(1).getByTestId('step-reps').fill('2');
  await steps.nth(1).getByTestId('step-hold').fill('6');
  await editor.getByTestId('save-routine').click();
  await expect(page.getByTestId('routine-editor')).toHaveCount(0);
  await expect(page.getByTestId('routines-message')).toHaveText(`Saved “${name}”.`);
}

const card = (page: Page, name: string) => page.getByTestId('routine-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

test('lists the built-in Upper-back reset with its steps, targets and time', async ({ page }) => {
  await openRoutines(page);
  await expect(page.getByRole('heading', { name: 'Routines', level: 1 })).toBeVisible();
  const builtIn = page.locator(`[data-routine-id="${DEFAULT_ROUTINE.id}"]`);
  await expect(builtIn.getByRole('heading', { name: 'Upper-back reset' })).toBeVisible();
  await expect(builtIn.getByTestId('routine-meta')).toHaveText('6 steps · about 7 min');
  const items = builtIn.getByTestId('routine-step-item');
  await expect(items).toHaveCount(DEFAULT_ROUTINE.steps.length);
  await expect(items.nth(0)).toContainText('Cat-cow — 6 reps');
  await expect(items.nth(0)).toContainText('then rest 30 s');
  await expect(items.nth(3)).toContainText('Seated twist — 2 each side, hold 5 s');
  await expect(builtIn.getByTestId('edit-routine')).toHaveCount(0);
  await expect(page.getByTestId('no-user-routines')).toBeVisible();
  // The nav marks this page.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Routines' })).toHaveAttribute('aria-current', 'page');
});

test('makes a two-step routine that survives a reload; a bad one says what to fix; edit and delete', async ({ page }) => {
  await openRoutines(page);

  // Not saved without a name, nor with a step that has no target.
  await page.getByTestId('new-routine').click();
  const editor = page.getByTestId('routine-editor');
  await editor.getByTestId('save-routine').click();
  await expect(editor.getByTestId('editor-error')).toHaveText('Give the routine a name.');
  await editor.getByTestId('routine-name').fill('Broken');
  await editor.getByTestId('editor-step').nth(0).getByTestId('step-reps').fill('');
  await editor.getByTestId('save-routine').click();
  await expect(editor.getByTestId('editor-error')).toHaveText('Step 1 (Cat-cow): set reps, a hold time, or both, so Unknot knows when to move on.');
  await editor.getByTestId('cancel-edit').click();
  await expect(page.getByTestId('routine-card')).toHaveCount(1);

  await makeRoutine(page, 'Desk break');
  const mine = card(page, 'Desk break');
  await expect(mine.getByTestId('routine-step-item')).toHaveText(['Cat-cow — 4 reps then rest 10 s', 'Self-hug — 2 reps, hold 6 s']);

  await page.reload();
  await expect(card(page, 'Desk break').getByTestId('routine-step-item')).toHaveText(['Cat-cow — 4 reps then rest 10 s', 'Self-hug — 2 reps, hold 6 s']);

  // Reorder and rename.
  await card(page, 'Desk break').getByTestId('edit-routine').click();
  const edit = page.getByTestId('routine-editor');
  await expect(edit.getByTestId('routine-name')).toHaveValue('Desk break');
  await edit.getByTestId('editor-step').nth(1).getByTestId('move-up').click();
  await edit.getByTestId('routine-name').fill('Hug first');
  await edit.getByTestId('save-routine').click();
  // The save is written before the page says so; reloading earlier could race it.
  await expect(page.getByTestId('routines-message')).toHaveText('Saved “Hug first”.');
  await page.reload();
  await expect(card(page, 'Hug first').getByTestId('routine-step-item')).toHaveText(['Self-hug — 2 reps, hold 6 s then rest 30 s', 'Cat-cow — 4 reps']);
  await expect(card(page, 'Desk break')).toHaveCount(0);

  await card(page, 'Hug first').getByTestId('delete-routine').click();
  await card(page, 'Hug first').getByTestId('confirm-delete').click();
  await expect(page.getByTestId('routines-message')).toHaveText('Deleted “Hug first”.');
  await page.reload();
  await expect(page.getByTestId('routine-card')).toHaveCount(1);
});

test('Start creates a run and opens the first step with the routine bar', async ({ page }) => {
  await openRoutines(page);
  await page.locator(`[data-routine-id="${DEFAULT_ROUTINE.id}"]`).getByTestId('start-routine').click();
  await expect(page).toHaveURL(/\/practice\/cat-cow\?routine=run-[\w-]+&step=0$/);
  const runId = new URL(page.url()).searchParams.get('routine')!;
  const bar = page.getByTestId('routine-bar');
  await expect(bar).toBeVisible();
  await expect(bar.getByTestId('routine-title')).toHaveText(/Routine:\s*Upper-back reset\s*·\s*step 1 of 6\s*·\s*Cat-cow — 6 reps/);
  await expect(bar.getByTestId('routine-progress')).toHaveText('0 of 6 reps');

  // The run was saved: the routines page lists it as unfinished, to be continued at step 1.
  await openRoutines(page);
  const run = page.locator(`[data-run-id="${runId}"]`);
  await expect(run.getByTestId('run-status')).toHaveText('Unfinished');
  await expect(run.getByTestId('run-parts')).toHaveText('0 of 6 parts done');
  await expect(run.getByTestId('resume-run')).toHaveText('Continue at step 1');
});

test('a routine of my own, followed to the end by skipping: announced, completed, recorded', async ({ page }) => {
  await openRoutines(page);
  await makeRoutine(page, 'Desk break');
  await card(page, 'Desk break').getByTestId('start-routine').click();
  await expect(page).toHaveURL(/\/practice\/cat-cow\?routine=run-[\w-]+&step=0$/);
  const runId = new URL(page.url()).searchParams.get('routine')!;
  const bar = page.getByTestId('routine-bar');
  await expect(bar.getByTestId('routine-announcement')).toHaveText('First: Cat-cow — 4 reps');

  await bar.getByTestId('skip-step').click();
  await expect(page).toHaveURL(new RegExp(`/practice/self-hug\\?routine=${runId}&step=1$`));
  await expect(bar.getByTestId('routine-step')).toHaveText('step 2 of 2');
  await expect(bar.getByTestId('routine-announcement')).toHaveText('Now: Self-hug — 2 reps, hold 6 s');

  await bar.getByTestId('skip-step').click();
  await expect(bar.getByTestId('routine-complete')).toBeVisible();
  await expect(bar.getByRole('link', { name: 'See your history' })).toBeVisible();

  await openRoutines(page);
  await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('run-status')).toHaveText('Completed');
});

test('End routine marks the run ended early', async ({ page }) => {
  await openRoutines(page);
  await page.locator(`[data-routine-id="${DEFAULT_ROUTINE.id}"]`).getByTestId('start-routine').click();
  const bar = page.getByTestId('routine-bar');
  await expect(bar.getByTestId('end-routine')).toBeVisible();
  await bar.getByTestId('end-routine').click();
  await expect(bar.getByTestId('routine-ended')).toContainText('Routine ended.');
  const runId = new URL(page.url()).searchParams.get('routine')!;
  await openRoutines(page);
  await expect(page.locator(`[data-run-id="${runId}"]`).getByTestId('run-status')).toHaveText('Ended early');
});

test('storage turned off: says so, own routines cannot be made, the built-in one still starts unrecorded', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  });
  await page.goto('/routines');
  await expect(page.getByTestId('storage-error')).toContainText('not letting Unknot save anything');
  await expect(page.getByTestId('new-routine')).toBeDisabled();
  await expect(page.getByTestId('copy-routine')).toBeDisabled();
  await page.getByTestId('start-routine').click();
  await expect(page).toHaveURL(/\/practice\/cat-cow\?routine=run-[\w-]+&step=0$/);
  await expect(page.getByTestId('routine-bar')).toBeVisible();
  await expect(page.getByTestId('routine-unrecorded')).toBeVisible();
});
