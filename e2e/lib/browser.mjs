// Shared browser helpers for Knot's end-to-end tests: Debian's Chromium driven by
// playwright-core (which never downloads a browser), axe-core injected into the page, and
// real pointer input on the body chart.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BASE_URL = process.env.KNOT_URL || 'http://127.0.0.1:7878';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** Starts headless Chromium with the flags this machine's closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Browser contexts opened so far: each gets an address of its own (see `open`). */
let contexts = 0;

/** A fresh page (own cookies and storage) at a Knot address. */
export async function open(browser, path, device = DESKTOP) {
  // The server trusts 127.0.0.1 as a proxy (e2e/lib/serve.sh), so each context comes from an
  // address of its own, as real visitors do; otherwise the sign-up limit (5 an hour from one
  // address) would refuse the suite's sixth account.
  contexts += 1;
  const context = await browser.newContext({
    ...device,
    extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${(contexts % 250) + 1}` },
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(new URL(path, BASE_URL).href);
  page.problems = problems;
  page.touch = Boolean(device.hasTouch);
  return page;
}

/**
 * A point the person would tap to hit a region: inside its shape and not covered by anything
 * else. Playwright's own click aims at the centre of the bounding box, which for a curved or
 * thin region can land on its neighbour.
 */
export async function regionPoint(page, id) {
  const point = await page.evaluate((regionId) => {
    const shape = document.getElementById(`region-${regionId}`);
    if (!shape) return null;
    const box = shape.getBBox();
    const matrix = shape.getScreenCTM();
    const svg = shape.ownerSVGElement;
    let best = null;
    const steps = 14;
    for (let i = 1; i < steps; i += 1) {
      for (let j = 1; j < steps; j += 1) {
        const local = svg.createSVGPoint();
        local.x = box.x + (box.width * i) / steps;
        local.y = box.y + (box.height * j) / steps;
        if (!shape.isPointInFill(local)) continue;
        const screen = local.matrixTransform(matrix);
        if (document.elementFromPoint(screen.x, screen.y) !== shape) continue;
        const centre = Math.hypot(i - steps / 2, j - steps / 2);
        if (!best || centre < best.centre) best = { x: screen.x, y: screen.y, centre };
      }
    }
    return best;
  }, id);
  if (!point) throw new Error(`no visible, tappable point inside region ${id}`);
  return point;
}

/** Clicks (or taps, on a touch device) a region of the chart. */
export async function tapRegion(page, id) {
  await page.locator(`#region-${id}`).scrollIntoViewIfNeeded();
  const { x, y } = await regionPoint(page, id);
  if (page.touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Titles of the ranked candidates, in order, once results for `marked` regions are in. */
export async function rankedTitles(page) {
  return page.locator('#results .candidate').evaluateAll(
    (cards) => cards.map((card) => card.dataset.title),
  );
}

/** Waits until the results panel has been replaced after `action` and settled. */
export async function afterResultsChange(page, action) {
  const before = await page.locator('#results').innerHTML();
  await action();
  await page.waitForFunction(
    (old) => {
      const results = document.getElementById('results');
      return results.innerHTML !== old && !results.classList.contains('is-loading');
    },
    before,
  );
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
