// The signed-in half in a real browser: sign up → log a diary entry → see it on the progress
// chart; the guided session's countdown; and axe-core on every signed-in page.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { PHONE, launch, open, seriousAxeViolations } from '../lib/browser.mjs';
import { csrfToken, screenClear, seedDiary, signUp } from '../lib/signed_in.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

let accounts = 0;
/** A unique address per account, so the tests can share one server. */
function email(what) {
  accounts += 1;
  return `${what}-${Date.now()}-${accounts}@example.org`;
}

describe('Signed in', () => {
  test('sign up, log a diary entry, see it on the progress chart', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('diary'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Diary' }).click();
    await page.waitForURL(/\/diary$/);
    await page.getByLabel('Pain now, 0–10').fill('6');
    await page.getByLabel('Where', { exact: true }).selectOption({ label: 'right temple' });
    await Promise.all([
      page.waitForURL(/\/diary\?saved=1$/),
      page.getByRole('button', { name: 'Log pain' }).click(),
    ]);
    assert.match(await page.getByRole('status').first().textContent(), /Saved 1 entry/);
    const row = page.locator('table.entries tbody tr').first();
    assert.match(await row.textContent(), /right temple/);
    assert.match(await row.textContent(), /6\/10/);

    await Promise.all([
      page.waitForURL(/\/progress$/),
      nav.getByRole('link', { name: 'Progress' }).click(),
    ]);
    assert.match(await page.locator('.lede').textContent(), /1 diary entry/);
    const chart = page.locator('svg#pain-trend');
    assert.equal(await chart.count(), 1, 'the pain chart is on the page');
    const dots = chart.locator('.kp-points .kp-point');
    assert.equal(await dots.count(), 1, 'one dot: the entry just logged');
    assert.match(await dots.first().locator('title').textContent(), /\b6\b/);
    assert.equal(await page.locator('#chart-where svg').count(), 1, 'the body map of where it hurt');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a refused entry says why beside the field and stores nothing', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('refused'));
    await page.goto(new URL('/diary', page.url()).href);
    await page.getByLabel('Pain now, 0–10').fill('12');
    await page.getByRole('button', { name: 'Log pain' }).click();
    const field = page.getByLabel('Pain now, 0–10');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#pain-score-error').textContent(), /0 \(no pain\) to 10/);
    assert.equal(await page.getByText('No entries yet.').count(), 1, 'nothing was stored');
    await page.context().close();
  });

  test('the guided session counts down and moves on when the warm-up is over', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('treat'));
    await screenClear(page, await csrfToken(page));
    await page.goto(new URL('/treat', page.url()).href);
    await page.getByLabel('Trigger point').selectOption('upper-trapezius-1');
    await page.getByLabel('Left').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: /1\. Find the knot/ }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: '5', exact: true }).click();
    await page.getByRole('heading', { name: '3. Warm up' }).waitFor();
    const first = await page.locator('#countdown').textContent();
    await page.waitForFunction((shown) => document.getElementById('countdown')?.textContent !== shown, first);
    // The warm-up lasts 30 s; the page's clock reports to the server, which moves on by itself.
    await page.getByRole('heading', { name: '4. Tool and position' }).waitFor({ timeout: 45_000 });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sharp pain' }).click();
    await page.getByRole('heading', { name: /Session stopped/ }).waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('your data: the diary downloads as CSV and the record as a FHIR bundle', async () => {
    const page = await open(browser, '/');
    await signUp(page, email('data'));
    const csrf = await csrfToken(page);
    await screenClear(page, csrf);
    await seedDiary(page, csrf, 2);
    await page.goto(new URL('/account', page.url()).href);
    await Promise.all([page.waitForURL(/\/account\/data$/), page.getByRole('link', { name: 'Your data' }).click()]);
    const fetchFile = async (name) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      assert.equal(download.suggestedFilename(), name);
      return readFileSync(await download.path(), 'utf8');
    };
    const diary = await fetchFile('knot-diary.csv');
    const rows = diary.trim().split('\r\n');
    assert.match(rows[0], /^Entry,Recorded at \(UTC\),Kind,Where,Side,Value,Unit,Note,Status/);
    assert.ok(rows.length > 10, `the seeded diary has rows: ${rows.length}`);
    assert.ok(rows.slice(1).every((row) => /,(current|corrected|deleted),/.test(row)), 'each row has its status');
    const bundle = JSON.parse(await fetchFile('knot-record.fhir.json'));
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    assert.ok(bundle.entry.some((e) => e.resource.resourceType === 'Patient'));
    assert.ok(bundle.entry.some((e) => e.resource.code?.coding?.[0]?.code === '72514-3'), 'pain observations');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('axe-core finds no serious or critical problem on the signed-in pages', async () => {
    for (const device of [undefined, PHONE]) {
      const page = await open(browser, '/signup', device);
      assert.deepEqual(await seriousAxeViolations(page), [], '/signup');
      await page.goto(new URL('/signin', page.url()).href);
      assert.deepEqual(await seriousAxeViolations(page), [], '/signin');
      await signUp(page, email('axe'));
      const csrf = await csrfToken(page);
      await screenClear(page, csrf);
      await seedDiary(page, csrf, 2);
      // The session step below starts on the last page visited, /treat.
      for (const path of ['/account', '/account/data', '/diary', '/progress', '/screen', '/plan', '/treat']) {
        await page.goto(new URL(path, page.url()).href);
        assert.deepEqual(await seriousAxeViolations(page), [], path);
      }
      await page.getByLabel('Trigger point').selectOption('upper-trapezius-1');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      assert.deepEqual(await seriousAxeViolations(page), [], '/treat (a session step)');
      await page.context().close();
    }
  });
});
