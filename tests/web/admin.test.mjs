// The admin's screens in headless Chromium against a real `smp serve --demo`: a staff
// account added (its password shown once, and it works), disabled after a confirmation
// (its session ends); the clinic's after-hours number edited and kept after a reload, a
// value too long refused at its field; a room added; a new version of a consent text; the
// audit log filtered by user, action, days and record, and its chain said intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, navLinks } from './harness.mjs';

before(startClinic);
after(stopClinic);

const heading = (page) => page.getByRole('heading', { name: 'Clinic administration' }).waitFor();
const cells = (page, column) => page.locator(`table.audit tbody td:nth-child(${column})`).allTextContents();
const row = (page, name) => page.locator(`tr[data-user="${name}"]`);
// What a refusal the test provokes leaves: the answer, and the console's line about it.
const refused = (status, text, path) =>
  [`HTTP ${status}: ${clinic.base}${path}`, `console: Failed to load resource: the server responded with a status of ${status} (${text})`];

test('the admin adds a technician, sees the password once, and disables the account after a confirmation', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'admin');
  await heading(page);
  assert.deepEqual(await navLinks(page), ['Admin'], 'no gallery and no patient for the admin');
  assert.deepEqual(await page.getByRole('navigation', { name: 'Parts of the administration' }).getByRole('link').allTextContents(),
    ['Accounts and clinic', 'Consent texts', 'Price book', 'Holidays', 'Audit log']);
  assert.deepEqual(await page.locator('table.users tbody td:first-child').allTextContents(), ['admin', 'doctor', 'frontdesk', 'technician']);
  assert.equal(await row(page, 'admin').getByRole('button').count(), 0, 'the admin cannot disable their own account');
  assert.equal(await row(page, 'doctor').locator('td').nth(2).textContent(), 'Has a one-time password');
  await shot(page, 'admin');

  await page.getByLabel('Sign-in name').fill('tech2');
  await page.getByLabel('Role').selectOption('technician');
  await page.getByRole('button', { name: 'Add the account' }).click();
  await page.getByText('Added tech2 (technician).').waitFor();
  const password = await page.locator('code.password').textContent();
  assert.match(password, /^[0-9a-f]{24}$/);
  assert.deepEqual((await row(page, 'tech2').locator('td').allTextContents()).slice(0, 3), ['tech2', 'technician', 'Active']);
  assert.equal(await page.getByLabel('Sign-in name').inputValue(), '', 'the form is emptied for the next account');
  await shot(page, 'admin-account-added');

  // The password shown is the account's: tech2 signs in with it in another browser.
  const tech2 = await watchedPage({ width: 1024, height: 768 });
  await tech2.page.goto(clinic.base + '/');
  await tech2.page.getByLabel('Name').fill('tech2');
  await tech2.page.getByLabel('Password', { exact: true }).fill(password);
  await tech2.page.getByRole('button', { name: 'Sign in' }).click();
  await tech2.page.getByRole('heading', { name: /^Today/ }).waitFor();

  // Shown once: after a reload the account is listed, its password nowhere.
  await page.reload();
  await heading(page);
  assert.equal(await row(page, 'tech2').count(), 1);
  assert.ok(!(await page.locator('body').textContent()).includes(password));

  // Disabling asks first; keeping the account changes nothing.
  await row(page, 'tech2').getByRole('button', { name: 'Disable tech2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable the account tech2?' });
  await dialog.waitFor();
  await shot(page, 'admin-disable-confirm');
  await dialog.getByRole('button', { name: 'Keep the account' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await row(page, 'tech2').locator('td').nth(2).textContent(), 'Active');
  await row(page, 'tech2').getByRole('button', { name: 'Disable tech2' }).click();
  await dialog.getByRole('button', { name: 'Disable tech2' }).click();
  await row(page, 'tech2').locator('td').nth(2).filter({ hasText: 'Disabled' }).waitFor();
  assert.equal(await row(page, 'tech2').getByRole('button').count(), 0);
  assert.equal((await apiGet(page, '/api/users')).users.find((u) => u.name === 'tech2').disabled, true);

  // tech2's session ended at once: their next page is the sign-in.
  await tech2.page.reload();
  await tech2.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await tech2.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the admin edits the after-hours number, kept after a reload; a value too long is refused at its field; a room is added', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'admin');
  assert.deepEqual(await page.locator('dt').allTextContents(), ['Clinic', 'Address', 'Phone', 'After hours', 'E-mail']);
  await page.getByRole('button', { name: 'Edit the contact details' }).click();
  const afterHours = page.getByLabel('After hours');
  assert.equal(await afterHours.inputValue(), '+1 555 0199');
  assert.equal(await page.getByLabel('Clinic', { exact: true }).inputValue(), 'SMP Studio Demo Clinic');

  await afterHours.fill('9'.repeat(301));
  await page.getByRole('button', { name: 'Save the contact details' }).click();
  const error = page.locator('#contact-after_hours_phone-error');
  await error.filter({ hasText: 'at most 300 characters' }).waitFor();
  assert.equal(await afterHours.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'contact-after_hours_phone', 'the refused field has the focus');
  assert.equal(await page.locator('form .error').filter({ hasText: /./ }).count(), 1, 'only that field says so');
  await shot(page, 'admin-contact-refused');

  await afterHours.fill('+1 555 0142');
  await page.getByRole('button', { name: 'Save the contact details' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.locator('dd').nth(3).textContent(), '+1 555 0142');
  await page.reload();
  await heading(page);
  assert.equal(await page.locator('dd').nth(3).textContent(), '+1 555 0142');
  assert.deepEqual((await apiGet(page, '/api/clinic/contact')).contact,
    { name: 'SMP Studio Demo Clinic', address: '1 Example Street, Springfield (demo)', phone: '+1 555 0100',
      after_hours_phone: '+1 555 0142', email: 'care@demo-clinic.example' });

  await page.getByLabel('Name of the new room').fill('Room 3');
  await page.getByRole('button', { name: 'Add the room' }).click();
  await page.getByText('Room 3 added: it can be booked now.').waitFor();
  await page.getByLabel('Name of the new room').fill('Room 1');
  await page.getByRole('button', { name: 'Add the room' }).click();
  await page.locator('#room-name-error').filter({ hasText: "a room 'Room 1' exists" }).waitFor();
  await shot(page, 'admin-contact-saved');
  assert.deepEqual(problems, [...refused(400, 'Bad Request', '/api/clinic/contact'), ...refused(409, 'Conflict', '/api/rooms')]);
  await context.close();
});

test('the admin writes a new version of a consent text; a text too short is refused at its field', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'admin');
  await page.getByRole('link', { name: 'Consent texts' }).click();
  const cards = page.locator('.texts > section');
  await cards.first().waitFor();
  assert.deepEqual(await page.locator('.texts h2').allTextContents(),
    ['Treatment', 'Photos for the clinical record', 'Photos in the gallery', 'News and offers']);
  const marketing = page.locator('[data-kind="marketing"]');
  assert.match(await marketing.textContent(), /Version 1, as shipped with SMP Studio/);
  await shot(page, 'admin-texts');

  await marketing.getByRole('button', { name: 'Write a new version' }).click();
  const body = marketing.getByLabel(/^Text/);
  assert.match(await body.inputValue(), /^I agree that the clinic sends me news/);
  await body.fill('Too short.');
  await marketing.getByRole('button', { name: 'Save as version 2' }).click();
  await marketing.locator('#text-marketing-body-error').filter({ hasText: '20 to 50000 characters' }).waitFor();
  await body.fill('I agree that the clinic sends me its news by e-mail, at most once a month. I may withdraw this at any time.');
  await marketing.getByLabel('Title').fill('News from the clinic');
  await marketing.getByRole('button', { name: 'Save as version 2' }).click();
  await page.locator('[data-kind="marketing"] h3').filter({ hasText: 'News from the clinic' }).waitFor();
  assert.match(await page.locator('[data-kind="marketing"]').textContent(), /Version 2, written .*1 earlier version\(s\) kept/);
  const { templates } = await apiGet(page, '/api/consent-templates');
  assert.deepEqual(templates.filter((x) => x.kind === 'marketing').map((x) => [x.version, x.current]), [[1, false], [2, true]]);
  assert.deepEqual(problems, refused(400, 'Bad Request', '/api/consent-templates'));
  await context.close();
});

test('the admin filters the audit log by user, action, days and record, and the chain is intact', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signInAgain(page, 'admin');
  await page.getByRole('link', { name: 'Audit log' }).click();
  const verdict = page.locator('p.intact');
  await verdict.waitFor();
  const checked = Number((await verdict.textContent()).match(/all ([\d,]+) entries/)[1].replace(/,/g, ''));
  assert.ok(checked > 40, `the chain covers the demo's and these tests' entries (${checked})`);
  await page.locator('table.audit tbody tr').first().waitFor();

  const { user: admin } = await apiGet(page, '/api/me');
  const tech2 = (await apiGet(page, '/api/users')).users.find((u) => u.name === 'tech2');
  const all = (await apiGet(page, '/api/audit?limit=1000')).entries;

  // The admin's creations: tech2, the room, the consent text's new version.
  await page.getByLabel('User').selectOption({ label: 'admin' });
  await page.getByLabel('Action').selectOption({ label: 'Created' });
  const created = all.filter((e) => e.user_id === admin.id && e.action === 'create');
  assert.equal(created.length, 3);
  await page.getByText(`${created.length} of ${created.length} matching entries`).waitFor();
  assert.deepEqual(new Set(await cells(page, 2)), new Set(['admin']));
  assert.deepEqual(new Set(await cells(page, 4)), new Set(['Created']));
  assert.ok((await cells(page, 5)).includes('user tech2'), 'a user id is shown as the name');
  await shot(page, 'admin-audit');

  // Each filter asks the server: its answer is waited for.
  await page.getByLabel('Action').selectOption({ label: 'Disabled' });
  await page.getByText('1 of 1 matching entries').waitFor();
  assert.deepEqual(await cells(page, 5), ['user tech2']);

  // tech2 signed in once, then was disabled; nothing of theirs is a change.
  await page.getByLabel('User').selectOption({ label: 'tech2' });
  await page.getByLabel('Action').selectOption({ label: 'Any action' });
  const theirs = all.filter((e) => e.user_id === tech2.id);
  await page.getByText(`${theirs.length} of ${theirs.length} matching entries`).waitFor();
  assert.equal(await page.locator('table.audit tbody tr').count(), theirs.length);
  assert.deepEqual(new Set(await cells(page, 2)), new Set(['tech2']));
  assert.ok((await cells(page, 4)).includes('Signed in'));

  // Days: none from tomorrow on, all of them today.
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
  const tomorrow = await page.evaluate(() => { const d = new Date(); d.setDate(d.getDate() + 1); return d.toLocaleDateString('sv'); });
  await page.getByLabel('From').fill(tomorrow);
  await page.getByText('0 of 0 matching entries').waitFor();
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill(today);
  await page.getByText(`${theirs.length} of ${theirs.length} matching entries`).waitFor();
  assert.equal(await page.locator('table.audit tbody tr').count(), theirs.length);

  // A record id goes to the server: every row is about tech2's account, whoever wrote it.
  await page.getByLabel('User').selectOption({ label: 'Anyone' });
  await page.getByLabel(/^Record/).fill(tech2.id);
  await page.getByLabel(/^Record/).press('Enter');
  const about = all.filter((e) => e.entity_id === tech2.id);
  await page.getByText(`${about.length} of ${about.length} matching entries`).waitFor();
  assert.deepEqual(new Set(await cells(page, 5)), new Set(['user tech2']));
  assert.deepEqual(new Set(await cells(page, 4)), new Set(['Created', 'Signed in', 'Disabled']));
  await shot(page, 'admin-audit-record-1024');

  // No filter: the newest 100 of every entry; "Show more" asks the server for those before
  // (a hundred reads of the accounts first, so that there are more than 100).
  for (let i = 0; i < 100; i += 1) await apiGet(page, '/api/users');
  const unfiltered = page.waitForResponse((r) => r.url().endsWith('/api/audit?limit=100'));
  await page.getByLabel(/^Record/).fill('');
  await page.getByLabel(/^Record/).press('Enter');
  await page.getByLabel('From').fill('');
  await page.getByLabel('To').fill('');
  const { total: n } = await (await unfiltered).json();
  const number = (text) => Number(text.replace(/,/g, ''));
  const counted = page.getByText(/^[\d,]+ of [\d,]+ matching entries$/);
  await page.getByText(`100 of ${n.toLocaleString('en-US')} matching entries`).waitFor();
  assert.ok(n > all.length, `every entry, more than the ${all.length} read before (${n})`);
  assert.equal(await page.locator('table.audit tbody tr').count(), 100);
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.locator('table.audit tbody tr').nth(Math.min(200, n) - 1).waitFor();
  assert.equal(number((await counted.textContent()).match(/^([\d,]+) of/)[1]), Math.min(200, n));
  assert.equal(await page.locator('table.audit tbody tr').count(), Math.min(200, n));
  assert.equal(await page.getByRole('button', { name: 'Show more' }).isVisible(), n > 200);
  await shot(page, 'admin-audit-more');
  assert.deepEqual(problems, []);
  await context.close();
});
