// The clinic's home and admin pages in a real browser at tablet size: start a clinic, invite a
// therapist (the link shown once), who opens the link signed out, creates an account on the
// way and accepts; the staff, audit and join pages are axe-clean and work by keyboard.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launch, open, seriousAxeViolations } from '../lib/browser.mjs';
import { enrolTwoFactor, signUp, totp } from '../lib/signed_in.mjs';

const TABLET = { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function email(what) {
  return `${what}-${Date.now()}@example.org`;
}

async function axeClean(page, what) {
  assert.deepEqual(await seriousAxeViolations(page), [], `${what}: serious axe violations`);
}

describe('Clinic admin pages', () => {
  test('start a clinic, invite a therapist who joins through the link', async () => {
    const admin = await open(browser, '/', TABLET);
    await signUp(admin, email('clinic-admin'), 'Ada');
    await enrolTwoFactor(admin);
    await admin.goto(new URL('/clinic', admin.url()).href);
    await axeClean(admin, 'clinic home, no clinic');
    await admin.getByLabel('Clinic name').fill('Harbour Street Massage');
    await Promise.all([
      admin.waitForURL(/\/clinic\/\d+$/),
      admin.getByRole('button', { name: 'Start the clinic' }).click(),
    ]);
    const clinic = new URL(admin.url()).pathname;
    await admin.goto(new URL('/clinic', admin.url()).href);
    assert.match(await admin.locator('.clinic-list').textContent(), /Harbour Street Massage/);
    await axeClean(admin, 'clinic home');

    await admin.goto(new URL(`${clinic}/staff`, admin.url()).href);
    await axeClean(admin, 'staff page');
    // By keyboard: type the address, choose the role, press Enter.
    await admin.getByLabel('E-mail').focus();
    await admin.keyboard.type('rmt@example.org');
    await admin.getByLabel('Role').selectOption({ label: 'Therapist' });
    await Promise.all([
      admin.waitForLoadState('load'),
      admin.getByLabel('E-mail').press('Enter'),
    ]);
    const link = await admin.getByLabel('Invitation link').inputValue();
    assert.match(link, /\/clinic\/join\?token=[0-9a-f]{64}$/);
    assert.match(await admin.locator('.invitation-made').textContent(), /shown only once/);
    await axeClean(admin, 'staff page with the invitation link');

    const staff = await open(browser, new URL(link).pathname + new URL(link).search, TABLET);
    assert.match(staff.url(), /\/signin\?next=/);
    await Promise.all([
      staff.waitForURL(/\/signup\?next=/),
      staff.getByRole('link', { name: /Create an account/ }).click(),
    ]);
    await staff.getByLabel('E-mail').fill(email('clinic-rmt'));
    await staff.getByLabel('Name to show').fill('Tom');
    await staff.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await staff.getByLabel('Password again').fill('correct horse battery');
    await Promise.all([
      staff.waitForURL(/\/clinic\/join\?token=/),
      staff.getByRole('button', { name: 'Create account' }).click(),
    ]);
    assert.match(await staff.locator('h1').textContent(), /You were invited to join a clinic/);
    assert.match(await staff.locator('.invitation-offer').textContent(), /Harbour Street Massage, as Therapist/);
    await axeClean(staff, 'join page');
    // Clinic staff turn on two-factor sign-in before they see any client: joining leads there.
    await Promise.all([
      staff.waitForURL(/\/account\/two-factor\?required=true/),
      staff.getByRole('button', { name: 'Accept the invitation' }).click(),
    ]);
    await axeClean(staff, 'two-factor enrolment');
    const secret = (await staff.locator('#totp-secret').textContent()).replace(/\s/g, '');
    await staff.getByLabel('Code from your app').fill(totp(secret));
    await staff.getByRole('button', { name: 'Turn on' }).click();
    await staff.getByText('Save these recovery codes').waitFor();
    await Promise.all([
      staff.waitForURL(/\/clinic\/\d+$/),
      staff.getByRole('link', { name: /continue/ }).click(),
    ]);
    assert.equal(new URL(staff.url()).pathname, clinic);

    await admin.goto(new URL(`${clinic}/audit`, admin.url()).href);
    assert.match(await admin.locator('.audit-chain').textContent(), /hash chain is whole/);
    assert.match(await admin.locator('.audit-table').textContent(), /staff-member/);
    await axeClean(admin, 'audit page');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^knot-audit-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
