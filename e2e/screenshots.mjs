// Regenerates the web screenshots in docs/: the Find page with a result and its referral
// pattern drawn, and an Atlas muscle page, each on a desktop (1280×800) and a phone (390×844).
// Run through `bash e2e/run.sh --screenshots`, which starts the server and sets KNOT_URL.

import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { DESKTOP, PHONE, afterResultsChange, launch, open, tapRegion } from './lib/browser.mjs';
import { clinicScreenshots } from './lib/clinic_screenshots.mjs';
import { progressScreenshots } from './lib/progress_screenshots.mjs';

const DOCS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');

async function findPage(browser, device, file) {
  const page = await open(browser, '/', device);
  // The temple hurts most: three taps, "strong".
  await tapRegion(page, 'right-temple');
  await tapRegion(page, 'right-temple');
  await afterResultsChange(page, () => tapRegion(page, 'right-temple'));
  await afterResultsChange(page, () => tapRegion(page, 'right-side-of-neck'));
  if (device === PHONE) await page.getByRole('button', { name: 'Back' }).tap();
  await afterResultsChange(page, () => tapRegion(page, 'right-back-of-neck'));
  await page.waitForFunction(() => !document.getElementById('results').classList.contains('is-loading'));
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await shoot(page, device, file);
  await page.context().close();
}

/** A desktop shot is one screen; a phone shot the first two screens of the page. */
async function shoot(page, device, file) {
  const options = { path: path.join(DOCS, file) };
  if (device === PHONE) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    Object.assign(options, {
      fullPage: true,
      clip: { x: 0, y: 0, width: PHONE.viewport.width, height: Math.min(height, 2 * PHONE.viewport.height) },
    });
  }
  await page.screenshot(options);
}

async function atlasPage(browser, device, file) {
  const page = await open(browser, '/atlas/upper-trapezius', device);
  await shoot(page, device, file);
  await page.context().close();
}

const browser = await launch();
try {
  await findPage(browser, DESKTOP, 'web-find-desktop.png');
  await findPage(browser, PHONE, 'web-find-phone.png');
  await atlasPage(browser, DESKTOP, 'web-atlas-desktop.png');
  await atlasPage(browser, PHONE, 'web-atlas-phone.png');
  await progressScreenshots(browser, DOCS);
  await clinicScreenshots(browser, DOCS);
  console.log(`screenshots written to ${DOCS}`);
} finally {
  await browser.close();
}
