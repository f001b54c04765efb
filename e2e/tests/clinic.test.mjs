// Clinic mode in a real browser: a therapist's whole first visit on a tablet — invited by the
// clinic's admin, adds the client, takes intake, screening and consent, draws the pain, palpates
// the finder's candidates, logs the treatment, drafts, signs and amends the note — then the
// front desk is refused the note and another clinic's therapist cannot see that it exists.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launch, open, seriousAxeViolations, tapRegion } from '../lib/browser.mjs';
import { TABLET, invite, join, startClinic, submit } from '../lib/clinic.mjs';
import { signUp } from '../lib/signed_in.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const stamp = Date.now();
const email = (who) => `${who}-${stamp}@example.org`;

/** Fails with the page's serious accessibility problems, naming the page. */
async function assertAccessible(page, what) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 1)}`);
}

describe('Clinic mode', () => {
  test('a first visit, from invitation to signed note and addendum', async () => {
    // The admin starts the clinic and invites a therapist and the front desk.
    const admin = await open(browser, '/');
    await signUp(admin, email('admin'), 'Robin Admin');
    const base = await startClinic(admin, `Harbour Massage ${stamp}`);
    await assertAccessible(admin, 'client list (empty)');
    const therapistLink = await invite(admin, base, email('therapist'), 'Therapist');
    await assertAccessible(admin, 'staff page with the invitation link');
    const deskLink = await invite(admin, base, email('desk'), 'Front desk');

    // The therapist joins on a tablet.
    const therapist = await open(browser, '/', TABLET);
    await join(therapist, email('therapist'), 'Casey Therapist', therapistLink);
    assert.equal(new URL(therapist.url()).pathname, base);

    // Adds the client and opens the record.
    await therapist.getByLabel('Name', { exact: true }).fill('Jordan Client');
    await therapist.getByLabel('Phone', { exact: true }).fill('555-0100');
    await therapist.getByLabel('Date of birth', { exact: true }).fill('1985-04-01');
    await submit(therapist, therapist.getByRole('button', { name: 'Add client' }), /\/clients\/\d+$/);
    const record = new URL(therapist.url()).pathname;
    await assertAccessible(therapist, 'client record');

    // Intake, screening and general consent.
    await therapist.getByRole('textbox', { name: 'Health history' }).fill('Desk work; neck pain for three months.');
    await therapist.getByRole('textbox', { name: 'Medications' }).fill('none');
    await submit(therapist, therapist.getByRole('button', { name: 'Save intake' }), /\/clients\/\d+/);
    await answerScreeningNo(therapist);
    await submit(therapist, therapist.getByRole('button', { name: 'Save screening' }), /\/clients\/\d+/);
    assert.match(await therapist.getByRole('region', { name: 'Safety screening' }).textContent(), /Latest:/, 'the screening was saved');
    await therapist.getByRole('combobox', { name: 'Consent', exact: true }).selectOption('general');
    await submit(therapist, therapist.getByRole('button', { name: 'Record consent' }), /\/clients\/\d+/);
    assert.match(await consentSection(therapist).textContent(), /General/i);

    // Starts the visit.
    await therapist.getByLabel('Any change in health since the last visit?').fill('none');
    await submit(therapist, therapist.getByRole('button', { name: 'Start visit' }), /\/visits\/\d+/);
    const visit = new URL(therapist.url()).pathname;
    await assertAccessible(therapist, 'visit page (new)');

    // The pain drawing on the shared chart, then the candidates to palpate first.
    await tapRegion(therapist, 'right-temple');
    await tapRegion(therapist, 'right-back-of-neck');
    await submit(therapist, therapist.getByRole('button', { name: 'Save drawing' }), /\/visits\/\d+/);
    const candidates = therapist.getByRole('region', { name: 'Candidates' });
    assert.match(await candidates.textContent(), /trapezius/i, 'the temple and neck point to the upper trapezius');

    // A palpation finding and a treatment on the first candidate.
    const finding = therapist.getByRole('form', { name: 'Record a finding' });
    const point = await firstTrapeziusPoint(finding);
    await finding.getByLabel('Trigger point').selectOption(point);
    await finding.getByLabel('Side').selectOption('right');
    await finding.getByLabel('Tender').check();
    await finding.getByLabel('Taut band').check();
    await finding.getByLabel('Referral reproduced').check();
    await submit(therapist, finding.getByRole('button', { name: 'Record finding' }), /\/visits\/\d+/);
    const findings = therapist.getByRole('region', { name: 'Findings' });
    assert.match(await findings.textContent(), /trapezius/i);

    const treatment = therapist.getByRole('form', { name: 'Record a treatment' });
    await treatment.getByLabel('Trigger point').selectOption(point);
    await treatment.getByLabel('Side').selectOption('right');
    await treatment.getByLabel('Technique').selectOption({ index: 1 });
    await treatment.getByLabel('Tool').selectOption({ index: 1 });
    await treatment.getByLabel('Discomfort (0–10)').fill('6');
    await treatment.getByLabel('Hold (seconds)').fill('60');
    await treatment.getByLabel('Passes').fill('2');
    await treatment.getByLabel('Response').fill('softened; referral faded');
    await submit(therapist, treatment.getByRole('button', { name: 'Record treatment' }), /\/visits\/\d+/);
    assert.match(await therapist.getByRole('region', { name: 'Treatment' }).textContent(), /softened/);

    // The note: drafted from the chart, saved, signed.
    await therapist.getByRole('button', { name: 'Draft from the chart' }).click();
    await therapist.waitForFunction(() => {
      const objective = document.querySelector('textarea[name="objective"]');
      return objective && /trapezius/i.test(objective.value);
    });
    await therapist.getByRole('textbox', { name: 'Plan', exact: true }).fill('Home: sustained pressure with a ball, twice daily. Review in a week.');
    await submit(therapist, therapist.getByRole('button', { name: 'Save note' }), /\/visits\/\d+/);
    assert.match(await therapist.getByRole('textbox', { name: 'Plan', exact: true }).inputValue(), /twice daily/);
    await assertAccessible(therapist, 'visit page (charted)');
    await submit(therapist, therapist.getByRole('button', { name: 'Sign the note' }), /\/visits\/\d+/);
    const note = therapist.getByRole('region', { name: 'SOAP note' });
    assert.match(await note.textContent(), /Signed by Casey Therapist/);
    assert.equal(await therapist.getByRole('button', { name: 'Save note' }).count(), 0, 'a signed note has no edit form');

    // An addendum keeps the original visible.
    await therapist.getByRole('textbox', { name: 'Addendum' }).fill('Client called next day: soreness gone.');
    await submit(therapist, therapist.getByRole('button', { name: 'Add addendum' }), /\/visits\/\d+/);
    const addenda = therapist.getByRole('region', { name: 'Addenda' });
    assert.match(await addenda.textContent(), /soreness gone/);
    assert.match(await addenda.textContent(), /Casey Therapist/);
    assert.match(await note.textContent(), /twice daily/, 'the signed note is unchanged');
    await assertAccessible(therapist, 'visit page (signed)');
    assert.deepEqual(therapist.problems, []);

    // The front desk sees the client's contact details but not the note.
    const desk = await open(browser, '/', TABLET);
    await join(desk, email('desk'), 'Sam Desk', deskLink);
    const deskRecord = await desk.goto(new URL(record, desk.url()).href);
    assert.equal(deskRecord.status(), 200);
    assert.equal(await desk.getByLabel('Phone', { exact: true }).inputValue(), '555-0100');
    assert.doesNotMatch(await desk.textContent('main'), /three months/, 'no health history for the front desk');
    const deskNote = await desk.goto(new URL(visit, desk.url()).href);
    assert.equal(deskNote.status(), 403);
    assert.doesNotMatch(await desk.textContent('main'), /twice daily/);

    // Another clinic's therapist: not found, as if nothing were there.
    const otherAdmin = await open(browser, '/');
    await signUp(otherAdmin, email('other-admin'), 'Other Admin');
    const otherBase = await startClinic(otherAdmin, `Elsewhere ${stamp}`);
    const otherLink = await invite(otherAdmin, otherBase, email('other-therapist'), 'Therapist');
    const outsider = await open(browser, '/');
    await join(outsider, email('other-therapist'), 'Other Therapist', otherLink);
    for (const path of [base, record, visit]) {
      const reply = await outsider.goto(new URL(path, outsider.url()).href);
      assert.equal(reply.status(), 404, `${path} is not found for another clinic's therapist`);
      assert.doesNotMatch(await outsider.textContent('main'), /Jordan Client|Harbour/);
    }

    // The admin's audit log shows who did what.
    await admin.goto(new URL(`${base}/audit`, admin.url()).href);
    const log = await admin.textContent('main');
    assert.match(log, /Casey Therapist/);
    await assertAccessible(admin, 'audit log');
    for (const page of [admin, therapist, desk, otherAdmin, outsider]) await page.context().close();
  });
});

/** Answers every yes/no question of the screening form "No" (a client clear to treat). */
async function answerScreeningNo(page) {
  const section = page.getByRole('region', { name: 'Safety screening' });
  const noes = section.getByRole('radio', { name: 'No', exact: true });
  const count = await noes.count();
  assert.ok(count > 0, 'the screening asks yes/no questions');
  for (let i = 0; i < count; i += 1) await noes.nth(i).check();
  const age = section.getByLabel(/How old/i);
  if (await age.count()) await age.first().fill('40');
}

function consentSection(page) {
  return page.getByRole('region', { name: 'Consent' });
}

/** The value of the first upper-trapezius option of a trigger point select. */
async function firstTrapeziusPoint(form) {
  const values = await form.getByLabel('Trigger point').locator('option').evaluateAll((options) =>
    options.map((o) => o.value).filter((v) => /trapezius/.test(v)));
  assert.ok(values.length > 0, 'the trapezius points are offered');
  return values[0];
}
