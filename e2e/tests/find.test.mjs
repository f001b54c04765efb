// The Find page in a real browser: marking on the chart, ranking, answering a question,
// keyboard-only use, a phone, and axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PHONE, afterResultsChange, launch, open, rankedTitles, regionPoint, seriousAxeViolations,
  tapRegion,
} from '../lib/browser.mjs';

// A one-sided neck headache: temple, side and back of the neck on the right. Its
// characteristic source is the upper trapezius (`knot find --json` ranks it first).
const NECK_HEADACHE = ['right-temple', 'right-side-of-neck', 'right-back-of-neck'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function markedNames(page) {
  return page.locator('#marked-list .marked-name').allTextContents();
}

describe('Find page', () => {
  test('marking three regions ranks the upper trapezius first; an answer re-ranks', async () => {
    const page = await open(browser, '/');
    for (const id of NECK_HEADACHE) {
      await afterResultsChange(page, () => tapRegion(page, id));
    }
    assert.deepEqual(await markedNames(page),
      ['right temple', 'side of the right neck', 'back of the right neck']);
    for (const id of NECK_HEADACHE) {
      assert.equal(await page.getAttribute(`#region-${id}`, 'aria-pressed'), 'true', id);
    }
    const ranked = await rankedTitles(page);
    assert.match(ranked[0], /^Upper trapezius, right$/, ranked.join(' | '));

    // The first candidate's referral pattern is drawn over the chart, × included.
    assert.ok(await page.locator('.referral-layer .ref-essential').count() > 0);
    assert.equal(await page.locator('.referral-layer .ref-cross').count(), 1);
    const second = page.locator('#results .candidate').nth(1);
    await second.locator('.show-pattern').click();
    assert.equal(await second.locator('.show-pattern').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#chart svg').getAttribute('data-pattern'), ranked[1]);

    // Answer the first settling question "No": the ranking changes in place.
    const question = page.locator('.question').first();
    const asked = await question.locator('legend').textContent();
    await afterResultsChange(page, () => question.getByRole('button', { name: 'No', exact: true }).click());
    const reranked = await rankedTitles(page);
    assert.notDeepEqual(reranked, ranked, `answering "${asked}" changed nothing`);
    assert.ok((await page.locator('.answered').textContent()).includes(asked.trim()));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('tapping again raises the level; a long press clears', async () => {
    const page = await open(browser, '/');
    await tapRegion(page, 'right-temple');
    await tapRegion(page, 'right-temple');
    const region = page.locator('#region-right-temple');
    assert.match(await region.getAttribute('class'), /\blevel-2\b/);
    assert.equal(await region.getAttribute('aria-label'), 'right temple, moderate');
    assert.equal(await page.locator('#marked-list .marked-level').textContent(), 'moderate');
    const { x, y } = await regionPoint(page, 'right-temple');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.waitForTimeout(800);
    await page.mouse.up();
    assert.equal(await region.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('#marked-list li').count(), 0);
    await page.context().close();
  });

  test('works with the keyboard alone', async () => {
    const page = await open(browser, '/');
    // Tab from the top of the page to the first region of the chart.
    let focused = null;
    for (let presses = 0; presses < 40 && !focused; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.dataset?.region ?? null);
    }
    assert.ok(focused, 'Tab reaches the chart');
    const name = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.equal(await page.locator('.focus-layer .focus-ring').count(), 1, 'a visible focus ring');
    assert.equal(await page.textContent('#chart-caption'), name, 'its name shown under the chart');
    await afterResultsChange(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(await markedNames(page), [name]);
    await page.keyboard.press('Space');
    assert.match(await page.locator(`#region-${focused}`).getAttribute('class'), /\blevel-2\b/);
    await page.keyboard.press('Delete');
    assert.deepEqual(await markedNames(page), []);

    // Arrow keys move between places; mark two more with Space; the live list follows.
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement.dataset.region);
    assert.ok(second && second !== focused, 'ArrowDown moves to another place');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const third = await page.evaluate(() => document.activeElement.dataset.region);
    assert.ok(third && third !== second, 'ArrowRight moves to another place');
    await afterResultsChange(page, () => page.keyboard.press('Space'));
    assert.equal((await markedNames(page)).length, 2);
    assert.equal(await page.getAttribute(`#region-${second}`, 'aria-pressed'), 'true');
    assert.ok((await rankedTitles(page)).length > 0, 'results from keyboard marks');
    // The chart is a single tab stop: one Tab leaves it.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('svg')), null);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.region), third);

    // Type words and submit with Enter: results come back and focus moves to them.
    await page.focus('#where');
    await page.keyboard.type('right temple');
    await afterResultsChange(page, () => page.keyboard.press('Enter'));
    assert.ok((await markedNames(page)).includes('right temple'), 'words join the chart');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'results-title');
    await page.context().close();
  });

  test('a phone-sized screen shows one view at a time with big enough taps', async () => {
    const page = await open(browser, '/', PHONE);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling (page is ${width}px wide)`);
    assert.equal(await page.getAttribute('.view-switch [data-view="front"]', 'aria-pressed'), 'true');
    const temple = await page.locator('#region-right-temple').boundingBox();
    assert.ok(temple.width >= 8 && temple.height >= 12, `temple is ${temple.width}×${temple.height}`);
    await afterResultsChange(page, () => tapRegion(page, 'right-temple'));
    await page.getByRole('button', { name: 'Back', exact: true }).tap();
    assert.equal(await page.locator('.view-front').evaluate((g) => getComputedStyle(g).display), 'none');
    await afterResultsChange(page, () => tapRegion(page, 'right-back-of-neck'));
    await page.getByRole('button', { name: 'Front', exact: true }).tap();
    await afterResultsChange(page, () => tapRegion(page, 'right-side-of-neck'));
    const ranked = await rankedTitles(page);
    assert.match(ranked[0], /^Upper trapezius/, ranked.join(' | '));
    // A pill points to the results below the fold, and takes the person there.
    const jump = page.locator('#results-jump');
    assert.match(await jump.textContent(), /^See \d+ likely sources/);
    await jump.tap();
    await page.waitForFunction(() => document.activeElement?.classList.contains('results-title'));
    await jump.waitFor({ state: 'hidden' });
    // Results sit below the chart on a phone.
    const chart = await page.locator('#chart').boundingBox();
    const results = await page.locator('#results').boundingBox();
    assert.ok(results.y > chart.y + chart.height - 1, 'results below the chart');
    const answer = await page.locator('.answer-buttons button').first().boundingBox();
    assert.ok(answer.height >= 44, `answer buttons are ${answer.height}px tall`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('axe-core finds no serious or critical problem, before and after results', async () => {
    const page = await open(browser, '/');
    assert.deepEqual(await seriousAxeViolations(page), []);
    for (const id of NECK_HEADACHE) await afterResultsChange(page, () => tapRegion(page, id));
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.context().close();
  });

  test('a phone-sized Find page with results passes axe-core too', async () => {
    const page = await open(browser, '/', PHONE);
    await afterResultsChange(page, () => tapRegion(page, 'right-temple'));
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.context().close();
  });
});
