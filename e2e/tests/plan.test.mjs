// The Plan page in a real browser: without a screening the save is refused and points to the
// Screen page; after one, a plan is built from typed trigger points, shown by sitting with the
// next one marked, and its items lead to the Treat page prefilled; axe-core finds nothing
// serious on the page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launch, open, seriousAxeViolations } from '../lib/browser.mjs';
import { csrfToken, screenClear, signUp } from '../lib/signed_in.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

let accounts = 0;
/** A unique address per account, so the tests can share one server. */
function email(what) {
  accounts += 1;
  return `${what}-${Date.now()}-${accounts}@example.org`;
}

describe('Plan', () => {
  test('no plan is saved without a screening; the refusal points to the Screen page', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('plan-unscreened'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).click();
    await page.waitForURL(/\/plan$/);
    await page.getByLabel('Trigger points, each as ID:SIDE').fill('upper-trapezius-1:right');
    await page.getByRole('button', { name: 'Build the plan' }).click();
    const alert = page.getByRole('alert');
    assert.match(await alert.textContent(), /Screen page/);
    assert.match(await alert.textContent(), /Nothing was stored/);
    assert.equal(await alert.getByRole('link', { name: 'Go to the Screen page' }).count(), 1);
    assert.equal(
      await page.getByLabel('Trigger points, each as ID:SIDE').inputValue(),
      'upper-trapezius-1:right',
      'the typed points are kept',
    );
    await page.context().close();
  });

  test('a screened person builds a plan, sees the next sitting and goes to treat it', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('plan'));
    await screenClear(page, await csrfToken(page));
    await page.goto(new URL('/plan', page.url()).href);
    assert.equal(await page.getByText('No home plan yet.', { exact: false }).count(), 1);
    await page
      .getByLabel('Trigger points, each as ID:SIDE')
      .fill('upper-trapezius-1:right, levator-scapulae-upper:left');
    await page.getByLabel('Most pressure time a day, in minutes').fill('20');
    await Promise.all([
      page.waitForURL(/\/plan\?saved=1$/),
      page.getByRole('button', { name: 'Build the plan' }).click(),
    ]);
    assert.match(await page.getByRole('status').first().textContent(), /Saved as your active plan/);
    assert.match(await page.getByRole('heading', { name: /Sitting 1/ }).textContent(), /Next today/);
    assert.match(await page.locator('main').textContent(), /Pressure time used today/);
    assert.deepEqual(await seriousAxeViolations(page), [], '/plan');

    await Promise.all([
      page.waitForURL(/\/treat\?point=/),
      page.getByRole('link', { name: /^Treat .*upper-trapezius-1, right side$/ }).click(),
    ]);
    assert.equal(await page.getByLabel('Trigger point').inputValue(), 'upper-trapezius-1');
    assert.equal(await page.getByLabel('Right').isChecked(), true);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a preview shows the plan without saving it', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('plan-preview'));
    await page.goto(new URL('/plan', page.url()).href);
    await page.getByLabel('Trigger points, each as ID:SIDE').fill('upper-trapezius-1:left');
    await page.getByLabel('Preview without saving').check();
    await page.getByRole('button', { name: 'Build the plan' }).click();
    await page.getByRole('heading', { name: 'Preview (not saved)' }).waitFor();
    await page.goto(new URL('/plan', page.url()).href);
    assert.equal(await page.getByText('No home plan yet.', { exact: false }).count(), 1);
    await page.context().close();
  });
});
