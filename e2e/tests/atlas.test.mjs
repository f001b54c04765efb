// The Atlas in a real browser: search without script, a muscle page, a 404, and axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PHONE, launch, open, seriousAxeViolations } from '../lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('Atlas', () => {
  test('search filters the list and leads to a muscle page', async () => {
    const page = await open(browser, '/atlas');
    const all = await page.locator('.muscle-link').count();
    await page.fill('#q', 'temple');
    await Promise.all([page.waitForURL(/\/atlas\?q=temple/), page.keyboard.press('Enter')]);
    const found = await page.locator('.muscle-link').count();
    assert.ok(found > 0 && found < all, `${found} of ${all} muscles match "temple"`);
    await Promise.all([
      page.waitForURL(/\/atlas\/upper-trapezius$/),
      page.getByRole('link', { name: /^Upper trapezius/ }).click(),
    ]);
    assert.equal(await page.locator('h1').textContent(), 'Upper trapezius');
    for (const heading of ['Trigger points', 'Self-treatment', 'Cautions', 'Sources']) {
      assert.equal(await page.getByRole('heading', { name: heading, level: 2 }).count(), 1, heading);
    }
    assert.ok(await page.locator('.chart .essential').count() > 0, 'referral zones drawn');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('an unknown muscle gets a 404 page that suggests the muscle meant', async () => {
    const page = await open(browser, '/atlas/upper-trapezus');
    assert.equal(await page.locator('h1').textContent(), 'Not found');
    await Promise.all([
      page.waitForURL(/\/atlas\/upper-trapezius$/),
      page.getByRole('link', { name: 'Upper trapezius' }).click(),
    ]);
    await page.context().close();
  });

  test('axe-core finds no serious or critical problem on the list and a muscle page', async () => {
    for (const device of [undefined, PHONE]) {
      for (const path of ['/atlas', '/atlas?q=neck', '/atlas/gluteus-minimus', '/atlas/nope']) {
        const page = await open(browser, path, device);
        assert.deepEqual(await seriousAxeViolations(page), [], path);
        await page.context().close();
      }
    }
  });
});
