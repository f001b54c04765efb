// The Progress page's screenshots (docs/web-progress-desktop.png, docs/web-progress-phone.png):
// an account with eight weeks of a made-up diary (pain getting better, pressure threshold and
// neck rotation rising, most days a guided session), on a desktop and a phone. Called by
// screenshots.mjs, which `bash e2e/run.sh --screenshots` runs against a fresh server.

import path from 'node:path';

import { DESKTOP, PHONE, open } from './browser.mjs';
import { csrfToken, screenClear, seedDiary, signIn, signUp } from './signed_in.mjs';

/** Writes both Progress screenshots into `docs`. */
export async function progressScreenshots(browser, docs) {
  const email = `progress-${Date.now()}@example.org`;
  const desktop = await open(browser, '/', DESKTOP);
  await signUp(desktop, email);
  const csrf = await csrfToken(desktop);
  await screenClear(desktop, csrf);
  await seedDiary(desktop, csrf, 8);
  await desktop.goto(new URL('/progress', desktop.url()).href);
  await shoot(desktop, DESKTOP, path.join(docs, 'web-progress-desktop.png'), 1.5);
  await desktop.context().close();

  const phone = await open(browser, '/', PHONE);
  await signIn(phone, email, '/progress');
  await shoot(phone, PHONE, path.join(docs, 'web-progress-phone.png'), 2);
  await phone.context().close();
}

/** The top of the page, `screens` viewport-heights tall: the summary and the pain chart. */
async function shoot(page, device, file, screens) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const { width, height: screen } = device.viewport;
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, Math.round(screens * screen)) },
  });
}
