// The admin's price book and holidays in headless Chromium against a real `smp serve --demo`:
// a price edited in the TOML text, saved and still there after a reload, the saved
// prices beside it; a bad value refused naming its line and field, the line selected;
// holidays added in date order, a day taken twice refused at the date, one removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet } from './harness.mjs';

before(startClinic);
after(stopClinic);

const pills = (page) => page.getByRole('navigation', { name: 'Parts of the administration' }).getByRole('link');
const priceRows = (page) => page.locator('table.price-items tbody tr').evaluateAll((rows) =>
  rows.map((r) => [r.querySelector('th').textContent, r.querySelector('td').textContent]));
const refused = (status, text, path) =>
  [`HTTP ${status}: ${clinic.base}${path}`, `console: Failed to load resource: the server responded with a status of ${status} (${text})`];

test('the admin edits the touch-up price in the price book, sees it saved after a reload; a bad value is refused at its line', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Clinic administration' }).waitFor();
  assert.deepEqual(await pills(page).allTextContents(), ['Accounts and clinic', 'Consent texts', 'Price book', 'Holidays', 'Audit log']);
  await pills(page).filter({ hasText: 'Price book' }).click();
  const text = page.getByLabel('Price book text');
  await text.waitFor();
  assert.equal(new URL(page.url()).hash, '#/admin/price-book');
  // The demo clinic's book is the bundled one (imported with the Norwood VI example).
  assert.match(await text.inputValue(), /^# SMP Studio price book/);
  assert.equal(await page.getByText('these are the defaults').count(), 0, 'the demo clinic has a book of its own');
  assert.deepEqual(await priceRows(page), [
    ['A section of up to 60 cm²', '$3,000.00'], ['A section of up to 120 cm²', '$3,500.00'], ['A larger section', '$4,000.00'],
    ['Full scalp (the most a treatment costs)', '$10,000.00'], ['Each session beyond 3', '$1,000.00'],
    ['Touch-up session, years later', '$3,300.00'], ['Light sedation, per session', '$300.00']]);
  assert.deepEqual(await page.locator('dl.price-terms dd').allTextContents(),
    ['+25 % on the section', 'under 20 cm² priced with the largest', '0 %, added to the prices', '30 days']);
  assert.equal(await text.evaluate((e) => getComputedStyle(e).fontFamily.includes('monospace')), true);
  await shot(page, 'admin-price-book');

  // A new touch-up price, saved: the summary follows, and so does the book after a reload.
  await text.fill((await text.inputValue()).replace('price = 3300', 'price = "3450.50"'));
  await page.getByRole('button', { name: 'Save the price book' }).click();
  await page.getByText('Saved. Plans made from now on use these prices.').waitFor();
  assert.equal((await priceRows(page))[5][1], '$3,450.50');
  await page.reload();
  await text.waitFor();
  assert.match(await text.inputValue(), /price = "3450\.50"/);
  assert.equal((await priceRows(page))[5][1], '$3,450.50');
  const { price_book: stored } = await apiGet(page, '/api/clinic/price-book');
  assert.deepEqual(stored.items[5].price, { minor: 345050, text: 'USD 3,450.50' });

  // Three decimals of a dollar: refused as the file's check refuses it, at its line, which
  // is selected in the text; nothing stored.
  const bad = (await text.inputValue()).replace('price = "3450.50"', 'price = "3450.505"');
  const line = bad.slice(0, bad.indexOf('"3450.505"')).split('\n').length;
  await text.fill(bad);
  await page.getByRole('button', { name: 'Save the price book' }).click();
  const error = page.locator('#price-book-toml-error');
  await error.filter({ hasText: /./ }).waitFor();
  assert.equal(await error.textContent(), `Not saved. Line ${line}: touch_up.price: '3450.505' has more than 2 decimals`);
  assert.equal(await text.getAttribute('aria-invalid'), 'true');
  const selected = await text.evaluate((e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.equal(selected, 'price = "3450.505"', 'the line at fault is selected');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'price-book-toml');
  assert.equal((await priceRows(page))[5][1], '$3,450.50', 'the summary keeps the saved prices');
  await shot(page, 'admin-price-book-refused');
  assert.equal((await apiGet(page, '/api/clinic/price-book')).price_book.toml.includes('3450.505'), false);
  assert.deepEqual(problems, refused(400, 'Bad Request', '/api/clinic/price-book'));
  await context.close();
});

test('the admin adds two holidays, a day taken twice is refused at the date, and removes one', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signInAgain(page, 'admin');
  await pills(page).filter({ hasText: 'Holidays' }).click();
  await page.getByText('No holiday yet.').waitFor();
  assert.equal(new URL(page.url()).hash, '#/admin/holidays');

  const add = async (date, name) => {
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add the holiday' }).click();
  };
  await add('2027-01-01', "New Year's Day");
  await page.getByText("New Year's Day (Jan 1, 2027) added.").waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), '', 'the form is emptied for the next day');
  await add('2026-12-25', 'Christmas Day');
  await page.getByText('Christmas Day (Dec 25, 2026) added.').waitFor();
  const rows = () => page.locator('table.holidays tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
  assert.deepEqual(await rows(), [['Dec 25, 2026', 'Christmas Day'], ['Jan 1, 2027', "New Year's Day"]], 'by date');

  await add('2026-12-25', 'Christmas again');
  await page.locator('#holiday-date-error').filter({ hasText: '2026-12-25 is a holiday already' }).waitFor();
  assert.equal(await page.getByLabel('Date', { exact: true }).getAttribute('aria-invalid'), 'true');
  await shot(page, 'admin-holidays');

  await page.getByRole('button', { name: 'Remove Christmas Day (Dec 25, 2026)' }).click();
  await page.getByText('Christmas Day (Dec 25, 2026) removed.').waitFor();
  assert.deepEqual(await rows(), [['Jan 1, 2027', "New Year's Day"]]);
  assert.deepEqual((await apiGet(page, '/api/clinic/holidays')).holidays, [{ date: '2027-01-01', name: "New Year's Day" }]);
  await page.reload();
  await page.locator('table.holidays').waitFor();
  assert.deepEqual(await rows(), [['Jan 1, 2027', "New Year's Day"]]);
  await shot(page, 'admin-holidays-removed');
  assert.deepEqual(problems, refused(409, 'Conflict', '/api/clinic/holidays'));
  await context.close();
});
