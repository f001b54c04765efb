// A hold on the Treat page on a 390×844 phone: while one hand presses the knot, the timer, the
// point pressed and every "stop at once" choice are on screen without scrolling; releasing the
// hold after a moment keeps it as a short hold, not a hold done. Also on a desktop and at 200%
// zoom: the stop choices fit the width, and nothing needs sideways scrolling.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, PHONE, launch, open, seriousAxeViolations } from '../lib/browser.mjs';
import { csrfToken, screenClear, signUp } from '../lib/signed_in.mjs';

/** 1280×800 at 200% zoom: the same CSS pixels as a 640×400 window at twice the density. */
const ZOOMED = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

let accounts = 0;
function email(what) {
  accounts += 1;
  return `${what}-${Date.now()}-${accounts}@example.org`;
}

/** Signs up, screens clear, and walks a session on the upper trapezius to its first hold. */
async function toFirstHold(device) {
  const page = await open(browser, '/', device);
  await signUp(page, email('hold'));
  await screenClear(page, await csrfToken(page));
  await page.goto(new URL('/treat', page.url()).href);
  await page.getByLabel('Trigger point').selectOption('upper-trapezius-1');
  await page.getByLabel('Right').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: /1\. Find the knot/ }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: '5', exact: true }).click();
  await page.getByRole('heading', { name: '3. Warm up' }).waitFor();
  await page.getByRole('button', { name: 'Skip this step' }).click();
  await page.getByRole('heading', { name: '4. Tool and position' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /5\. Hold 1 of/ }).waitFor();
  return page;
}

/** The boxes of what must stay in view during a hold, with the viewport's size. */
async function holdBoxes(page) {
  const stops = page.getByRole('group', { name: /Stop at once/ }).getByRole('button');
  const named = [
    ['timer', page.locator('#countdown')],
    ['point', page.locator('#hold-point')],
  ];
  for (const button of await stops.all()) {
    named.push([`stop: ${await button.textContent()}`, button]);
  }
  const boxes = [];
  for (const [name, locator] of named) {
    boxes.push({ name, box: await locator.boundingBox() });
  }
  return { boxes, stops: await stops.count(), viewport: page.viewportSize() };
}

function outside({ boxes, viewport }) {
  return boxes
    .filter(({ box }) => !box || box.x < 0 || box.y < 0
      || box.x + box.width > viewport.width || box.y + box.height > viewport.height)
    .map(({ name, box }) => `${name} at ${JSON.stringify(box)}`);
}

async function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('A hold on the Treat page', () => {
  test('on a 390×844 phone the stop choices are on screen, and an early release is not a hold done', async () => {
    const page = await toFirstHold(PHONE);
    const first = await holdBoxes(page);
    assert.equal(first.stops, 6, 'six stop choices, each a named button');
    assert.deepEqual(outside(first), [], 'all within 390×844 without scrolling');
    assert.deepEqual(await seriousAxeViolations(page), [], '/treat (a hold)');

    // Released a moment after it started: kept as a short hold, the session moves on.
    await page.getByRole('button', { name: 'Release' }).click();
    await page.getByRole('heading', { name: /5\. Hold 2 of/ }).waitFor();
    const notice = page.locator('#treat-step [role="status"]').first();
    assert.match(await notice.textContent(), /kept as a short hold, not as done/);
    assert.match(await page.locator('.hold-notes').textContent(), /Earlier: 0:0\d (skipped|short, not counted)/);
    // With the notice on screen too, the stop choices still fit.
    assert.deepEqual(outside(await holdBoxes(page)), [], 'second hold, with the notice');

    await page.getByRole('button', { name: 'End the session now' }).click();
    await page.getByRole('heading', { name: /Session ended early/ }).waitFor();
    const summary = await page.locator('.treat-page .notice-info').first().textContent();
    assert.match(summary, /0 of 2 holds done/, 'neither hold counts');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('on a desktop and at 200% zoom the hold still shows every stop choice', async () => {
    for (const device of [DESKTOP, ZOOMED]) {
      const page = await toFirstHold(device);
      const shown = await holdBoxes(page);
      assert.equal(shown.stops, 6);
      if (device === DESKTOP) {
        assert.deepEqual(outside(shown), [], 'desktop: all in view');
      } else {
        // 400 CSS pixels tall cannot hold everything; the choices must fit the width, reached
        // by scrolling down only.
        for (const { name, box } of shown.boxes) {
          assert.ok(box && box.x >= 0 && box.x + box.width <= shown.viewport.width, `${name} fits the width`);
        }
      }
      assert.equal(await noSidewaysScroll(page), true, 'no sideways scrolling');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});
