// Helpers for the clinic pages in a real browser: starting a clinic, inviting staff and joining
// through the one-time link, each through the pages themselves.

import assert from 'node:assert/strict';

import { enrolTwoFactor, signUp } from './signed_in.mjs';

/** A tablet held in portrait beside the table (an iPad-sized screen, touch input). */
export const TABLET = {
  viewport: { width: 820, height: 1180 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Clicks something that posts a form and waits for the page it leads to. */
export async function submit(page, button, url) {
  await Promise.all([page.waitForURL(url), button.click()]);
}

/** Starts a clinic from /clinic (turning on two-factor sign-in first, as clinic staff must);
 * returns its base path (`/clinic/ID`). */
export async function startClinic(page, name) {
  await enrolTwoFactor(page);
  await page.goto(new URL('/clinic', page.url()).href);
  await page.getByLabel('Clinic name').fill(name);
  await submit(page, page.getByRole('button', { name: 'Start the clinic' }), /\/clinic\/\d+$/);
  return new URL(page.url()).pathname;
}

/** As the clinic's admin, invites `email` as `role` (its label); returns the one-time link. */
export async function invite(page, base, email, role) {
  await page.goto(new URL(`${base}/staff`, page.url()).href);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = await page.getByLabel('Invitation link').inputValue();
  assert.match(link, /\/clinic\/join\?token=/);
  return link;
}

/** A new account signs up, turns on two-factor sign-in (clinic staff must), follows the
 * invitation link and accepts it. */
export async function join(page, email, name, link) {
  await signUp(page, email, name);
  await enrolTwoFactor(page);
  await page.goto(link);
  await submit(page, page.getByRole('button', { name: 'Accept the invitation' }), /\/clinic\/\d+$/);
}
