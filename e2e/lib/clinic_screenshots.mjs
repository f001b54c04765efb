// The clinic visit page's screenshots (docs/web-clinic-visit-desktop.png and
// docs/web-clinic-visit-tablet.png): a clinic made through the JSON API with the pages' own
// cookies — an admin, a therapist, a client with intake, consent and screening — and a visit
// charted halfway (drawing, two findings, a treatment, the drafted note), as a therapist sees it
// at the table. Called by screenshots.mjs (`bash e2e/run.sh --screenshots`).

import path from 'node:path';

import { DESKTOP, open } from './browser.mjs';
import { TABLET } from './clinic.mjs';
import { clearAnswers, csrfToken, enrolTwoFactor, signUp, totp } from './signed_in.mjs';

async function call(page, csrf, method, route, body) {
  const reply = await page.request.fetch(new URL(route, page.url()).href, {
    method,
    headers: { 'X-CSRF-Token': csrf },
    data: body,
  });
  if (!reply.ok()) throw new Error(`${method} ${route}: ${reply.status()} ${await reply.text()}`);
  return reply.status() === 204 ? null : reply.json();
}

/** A charted visit; returns the therapist's e-mail and the visit page's path. */
async function chartedVisit(browser) {
  const stamp = Date.now();
  const admin = await open(browser, '/');
  await signUp(admin, `shots-admin-${stamp}@example.org`, 'Robin Admin');
  await enrolTwoFactor(admin);
  const adminCsrf = await csrfToken(admin);
  const clinic = await call(admin, adminCsrf, 'POST', '/api/v1/clinic', { name: 'Harbour Street Massage' });
  const base = `/api/v1/clinic/${clinic.id}`;
  const therapistEmail = `shots-rmt-${stamp}@example.org`;
  const invitation = await call(admin, adminCsrf, 'POST', `${base}/invitations`, { email: therapistEmail, role: 'therapist' });

  const therapist = await open(browser, '/');
  await signUp(therapist, therapistEmail, 'Casey Lee, RMT');
  const secret = await enrolTwoFactor(therapist);
  const csrf = await csrfToken(therapist);
  const joined = await call(therapist, csrf, 'POST', '/api/v1/clinic/join', { token: invitation.token });
  const client = await call(therapist, csrf, 'POST', `${base}/clients`, {
    display_name: 'Jordan Rivera', phone: '555-0142', birth_date: '1984-09-12',
  });
  const at = `${base}/clients/${client.person_id}`;
  await call(admin, adminCsrf, 'POST', `${at}/therapists`, { therapist: joined.user_id });
  await admin.context().close();

  await call(therapist, csrf, 'PUT', `${at}/intake`, {
    health_history: 'Desk work; right-sided headaches and neck pain for three months.',
    medications: 'Ibuprofen as needed',
  });
  await call(therapist, csrf, 'POST', `${at}/screening`, { answers: await clearAnswers(therapist) });
  await call(therapist, csrf, 'POST', `${at}/consents`, {
    kind: 'general', given_by: 'client', given_at: new Date().toISOString(),
  });
  const visit = await call(therapist, csrf, 'POST', `${at}/visits`, { health_change: 'none' });
  const v = `${at}/visits/${visit.id}`;
  await call(therapist, csrf, 'PUT', `${v}/drawing`, [
    { region: 'right-temple', intensity: 9 },
    { region: 'right-back-of-neck', intensity: 6 },
    { region: 'right-side-of-neck', intensity: 6 },
  ]);
  const finding = (point, ppt, reproduced) => ({
    trigger_point_id: point, side: 'right', tender: true, taut_band: true,
    referral_reproduced: reproduced, referral_regions: reproduced ? ['right-temple'] : [],
    twitch: false, jump_sign: reproduced, ppt_kpa: ppt, note: null,
  });
  await call(therapist, csrf, 'POST', `${v}/findings`, finding('upper-trapezius-1', 210, true));
  await call(therapist, csrf, 'POST', `${v}/findings`, finding('sternocleidomastoid-sternal-middle', null, false));
  await call(therapist, csrf, 'POST', `${v}/treatments`, {
    trigger_point_id: 'upper-trapezius-1', side: 'right', technique: 'sustained-compression',
    tool: 'thumb', discomfort: 6, hold_seconds: 60, passes: 3, response: 'softened; temple ache faded',
  });
  await therapist.context().close();
  return { therapistEmail, secret, visitPage: `/clinic/${clinic.id}/clients/${client.person_id}/visits/${visit.id}` };
}

/** Writes both visit screenshots into `docs`. */
export async function clinicScreenshots(browser, docs) {
  const { therapistEmail, secret, visitPage } = await chartedVisit(browser);
  // Each code's time step is accepted once: every sign-in uses the step after the last one
  // used (one ahead of the clock is accepted as drift), waiting for the clock when it must.
  let lastStep = Math.floor(Date.now() / 30000);
  for (const [device, file] of [[DESKTOP, 'web-clinic-visit-desktop.png'], [TABLET, 'web-clinic-visit-tablet.png']]) {
    const page = await open(browser, '/', device);
    await page.goto(new URL(`/signin?next=${encodeURIComponent(visitPage)}`, page.url()).href);
    await page.getByLabel('E-mail').fill(therapistEmail);
    await page.getByLabel('Password').fill('correct horse battery');
    await Promise.all([page.waitForURL(/\/signin\/two-factor/), page.getByRole('button', { name: 'Sign in' }).click()]);
    // Each sign-in spends its code's step: the next one uses the following step.
    const step = lastStep + 1;
    while (Math.floor(Date.now() / 30000) < step - 1) await page.waitForTimeout(1000);
    await page.getByLabel('Code').fill(totp(secret, step * 30));
    lastStep = step;
    await Promise.all([page.waitForURL((url) => url.pathname === visitPage), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.waitForTimeout(300);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: path.join(docs, file),
      fullPage: true,
      clip: { x: 0, y: 0, width: device.viewport.width, height: Math.min(height, 2 * device.viewport.height) },
    });
    await page.context().close();
  }
}
