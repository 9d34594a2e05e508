// The front desk books the next session and cannot open a photo; a follow-up call's
// red flag reaches the doctor's Today; a plan job runs live under "Running now" (issue 13).
// A real `smp serve --demo` on a fresh SQLite folder, headless Chromium (tests/web/harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, apiPost, openPatient } from './harness.mjs';

before(startClinic);
after(stopClinic);

// The page's own locale and zone format the expected dates and times (the browser's, as the app).
const formats = (page) => page.evaluate(() => navigator.language);
const fmt = (locale, iso, opts) => new Intl.DateTimeFormat(locale, opts).format(new Date(iso));

// A day `days` after today in the browser's zone, as the date input wants it.
const dayAfter = (page, days) => page.evaluate((n) => {
  const d = new Date(); d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}, days);

// The visits listed: date, time, visit, technician, room.
const visitRows = (page) => page.locator('table.visits tbody tr')
  .evaluateAll((rows) => rows.map((r) => [...r.cells].slice(0, 5).map((c) => c.textContent)));

async function book(page, { kind, date, start, minutes, room }) {
  if (kind) await page.getByLabel('Visit', { exact: true }).selectOption(kind);
  await page.getByLabel('Room').selectOption({ label: room });
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Starts at').fill(start);
  await page.getByLabel('Length (minutes)').fill(String(minutes));
  await page.getByRole('button', { name: 'Book', exact: true }).click();
}

// The refusals a test provokes, each an HTTP error and the browser's console line about it.
function onlyRefused(problems, expected) {
  const echo = /^console: Failed to load resource: the server responded with a status of \d+/;
  assert.deepEqual(problems.filter((p) => !echo.test(p)).sort(), [...expected].sort());
  assert.equal(problems.filter((p) => echo.test(p)).length, expected.length, problems.join('\n'));
}

let marcus = '';  // Marcus Webb (demo)'s patient id
let photoId = '';

test('the front desk books the next session, is refused a clash at the technician, cancels a visit', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'frontdesk');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await openPatient(page, 'Marcus Webb');
  marcus = page.url().match(/P-[0-9A-F]{10}/)[0];
  const locale = await formats(page);
  const date = (iso) => fmt(locale, iso, { dateStyle: 'medium' });
  const time = (iso) => fmt(locale, iso, { timeStyle: 'short' });
  // No clinical part: no consultations, no photos, no follow-up form.
  assert.deepEqual(await page.locator('.timeline h3').allTextContents(), ['Invoices']);
  assert.equal(await page.locator('[data-part="photos"], img').count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Follow-up call' }).count(), 0);

  // Today's Session 1 (the demo's) is listed; the form suggests Session 2.
  const today = await apiGet(page, '/api/appointments');
  const first = today.appointments.find((a) => a.patient_id === marcus);
  assert.deepEqual(await visitRows(page), [[date(first.starts_at), `${time(first.starts_at)}–${time(first.ends_at)}`, 'Session 1', 'technician', 'Room 1']]);
  assert.equal(await page.getByLabel('Session number').inputValue(), '2');
  assert.equal(await page.getByLabel('Length (minutes)').inputValue(), '180');

  const in7 = await dayAfter(page, 7);
  await book(page, { date: in7, start: '10:00', minutes: 180, room: 'Room 2' });
  await page.locator('#status').filter({ hasText: /^Booked: Session 2/ }).waitFor();
  const starts = await page.evaluate((d) => new Date(`${d}T10:00`).toISOString(), in7);
  const ends = new Date(Date.parse(starts) + 180 * 60000).toISOString();
  assert.deepEqual((await visitRows(page))[1], [date(starts), `${time(starts)}–${time(ends)}`, 'Session 2', 'technician', 'Room 2']);
  // The server has it as given.
  const stored = (await apiGet(page, `/api/appointments?from=${starts}&to=${ends}`)).appointments;
  assert.equal(stored.length, 1);
  assert.deepEqual([stored[0].kind, stored[0].session_number, stored[0].starts_at.replace('.000', ''), stored[0].ends_at.replace('.000', '')],
    ['session', 2, starts.replace('.000', ''), ends.replace('.000', '')]);
  assert.equal(await page.getByLabel('Session number').inputValue(), '3', 'the next suggestion after Session 2');
  await shot(page, 'booking-front-desk');

  // The technician is busy then: refused in words at the technician, nothing booked.
  await book(page, { date: in7, start: '11:00', minutes: 60, room: 'Room 1' });
  const refusal = page.locator('#book-technician_id-error');
  await refusal.filter({ hasText: 'already booked' }).waitFor();
  assert.equal(await refusal.textContent(),
    `technician is already booked ${time(starts)}–${time(ends)} (Session 2, Marcus Webb (demo)). Choose another time.`);
  assert.equal(await page.getByLabel('Technician').getAttribute('aria-invalid'), 'true');
  assert.equal((await visitRows(page)).length, 2);
  await shot(page, 'booking-clash-refused');

  // A follow-up booked a week later, then cancelled: Session 2 stays.
  const in14 = await dayAfter(page, 14);
  await book(page, { kind: 'follow_up', date: in14, start: '09:00', minutes: 30, room: 'Room 1' });
  await page.locator('#status').filter({ hasText: /^Booked: Follow-up/ }).waitFor();
  assert.equal(await refusal.textContent(), '', 'the refusal is gone once a booking succeeds');
  assert.deepEqual((await visitRows(page)).map((r) => r[2]), ['Session 1', 'Session 2', 'Follow-up']);
  const followUpRow = page.locator('table.visits tbody tr').filter({ hasText: 'Follow-up' });
  await followUpRow.getByRole('button', { name: /^Cancel the Follow-up/ }).click();
  await shot(page, 'booking-cancel-asked');
  await followUpRow.getByRole('button', { name: 'Yes, cancel it' }).click();
  await page.locator('#status').filter({ hasText: /^Cancelled: Follow-up/ }).waitFor();
  assert.deepEqual((await visitRows(page)).map((r) => r[2]), ['Session 1', 'Session 2']);

  // A touch-up three months ahead, past the calendar's two months, is among the visits too.
  const in90 = await dayAfter(page, 90);
  await book(page, { kind: 'touch_up', date: in90, start: '09:00', minutes: 120, room: 'Room 1' });
  await page.locator('#status').filter({ hasText: /^Booked: Touch-up/ }).waitFor();
  const touchUp = await page.evaluate((d) => new Date(`${d}T09:00`).toISOString(), in90);
  assert.deepEqual((await visitRows(page))[2].slice(0, 3),
    [date(touchUp), `${time(touchUp)}–${time(new Date(Date.parse(touchUp) + 120 * 60000).toISOString())}`, 'Touch-up']);

  // Exactly the refusal provoked: the clash.
  onlyRefused(problems, [`HTTP 409: ${clinic.base}/api/appointments`]);
  await context.close();
});

test('a photo the doctor uploads is listed for the doctor, and refused to the front desk', async () => {
  const doctor = await watchedPage();
  await signIn(doctor.page, 'doctor');
  await doctor.page.getByRole('heading', { name: /^Today/ }).waitFor();
  const { consultations } = await apiGet(doctor.page, `/api/patients/${marcus}/consultations`);
  const uploaded = await doctor.page.evaluate(async (c) => {
    const canvas = new OffscreenCanvas(640, 480);
    const g = canvas.getContext('2d');
    g.fillStyle = '#c89f86'; g.fillRect(0, 0, 640, 480);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const { csrf_token: token } = await (await fetch('/api/me')).json();
    const r = await fetch(`/api/consultations/${c}/photos?view=front&file_name=front.png`,
      { method: 'POST', headers: { 'X-CSRF-Token': token, 'Content-Type': 'image/png' }, body: png });
    return { status: r.status, json: await r.json() };
  }, consultations[0].id);
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
  photoId = uploaded.json.photo.id;
  await openPatient(doctor.page, 'Marcus Webb');
  assert.equal(await doctor.page.locator('[data-part="photos"] li').count(), 1);
  // The doctor both books and triages: the two side by side.
  assert.equal(await doctor.page.getByRole('heading', { name: 'Book a visit' }).count(), 1);
  assert.equal(await doctor.page.getByRole('heading', { name: 'Follow-up call' }).count(), 1);
  await shot(doctor.page, 'patient-doctor');
  assert.deepEqual(doctor.problems, []);
  await doctor.context.close();

  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signInAgain(page, 'frontdesk');
  await openPatient(page, 'Marcus Webb');
  assert.equal(await page.locator('[data-part="photos"], img').count(), 0, 'no photos part for the front desk');
  await shot(page, 'booking-front-desk-tablet');
  const urls = [`/api/photos/${photoId}/image`, `/api/photos/${photoId}/original`, `/api/photos/${photoId}`, `/api/patients/${marcus}/photos`];
  const answers = await page.evaluate(async (list) => Promise.all(list.map(async (u) => (await fetch(u)).status)), urls);
  assert.deepEqual(answers, [403, 403, 403, 403]);
  onlyRefused(problems, urls.map((u) => `HTTP 403: ${clinic.base}${u}`));
  await context.close();
});

test('the technician records a follow-up call with fever on day 2 and sees the advice, a red flag', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signIn(page, 'technician');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await openPatient(page, 'Marcus Webb');
  assert.equal(await page.getByRole('heading', { name: 'Book a visit' }).count(), 0, 'the technician books nothing');
  assert.equal(await page.locator('[data-part="follow_ups"] li').count(), 0);
  await page.getByLabel('Symptom').selectOption('fever');
  await page.getByLabel('Days since the session').fill('2');
  await page.getByLabel('For how many days').fill('1');
  await page.getByLabel('Note (optional)').fill('38.4 °C this morning');
  await page.getByRole('button', { name: 'Triage the symptom' }).click();
  await page.locator('.verdict').waitFor();
  assert.equal(await page.locator('.verdict').textContent(), 'Contact the clinic now');
  await page.getByText('Fever after a session may mean an infection: contact the clinic now.').first().waitFor();
  await page.getByText(/A red flag is raised/).waitFor();
  // The timeline has it, in words.
  await page.locator('[data-part="follow_ups"] li').waitFor();
  assert.match(await page.locator('[data-part="follow_ups"] li').textContent(),
    /· Fever, day 2: Fever after a session may mean an infection: contact the clinic now\.$/);
  const { follow_ups: stored } = await apiGet(page, `/api/patients/${marcus}/follow-ups`);
  assert.deepEqual(stored.map((f) => [f.symptom, f.days_since_session, f.days_lasting, f.urgency, f.note]),
    [['fever', 2, 1, 'contact_clinic_now', '38.4 °C this morning']]);
  await shot(page, 'follow-up-triage');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the doctor sees the red flag under Contact now, acknowledges it and it is gone', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'doctor');
  const flags = page.locator('li.flag');
  await flags.first().waitFor();
  assert.equal(await flags.count(), 1);
  assert.match(await flags.textContent(), /^Marcus Webb \(demo\): Fever after a session may mean an infection: contact the clinic now\.Fever on day 2 after the session · reported /);
  await shot(page, 'today-red-flag');
  await flags.getByRole('button', { name: 'Acknowledge the red flag of Marcus Webb (demo)' }).click();
  await page.getByText('No red flag is waiting.').waitFor();
  assert.equal(await flags.count(), 0);
  assert.deepEqual((await apiGet(page, '/api/red-flags')).red_flags, []);
  const { follow_ups: [fu] } = await apiGet(page, `/api/patients/${marcus}/follow-ups`);
  assert.ok(fu.acknowledged_at, 'acknowledged on the server');
  // A reload keeps it gone.
  await page.reload();
  await page.getByText('No red flag is waiting.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the doctor starts a plan job: it runs under Running now with a rising bar, and leaves when done', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'doctor');
  await page.getByText('Nothing is being made right now.').waitFor();
  const { consultations } = await apiGet(page, `/api/patients/${marcus}/consultations`);
  const started = await apiPost(page, `/api/consultations/${consultations[0].id}/jobs`, { kind: 'plan' });
  assert.equal(started.status, 202);
  const jobId = started.json.job.id;
  // Started elsewhere (here through the API): Today's next look, within 10 s, finds it.
  const row = page.locator(`li[data-job="${jobId}"]`);
  await row.waitFor({ timeout: 15000 });
  assert.match(await row.locator('p').first().textContent(), /^Marcus Webb \(demo\) · Plan$/);
  const bar = page.getByRole('progressbar', { name: /^Marcus Webb \(demo\)/ });
  const first = Number(await bar.getAttribute('value') ?? 0);
  await page.waitForFunction(({ id, v }) => document.querySelector(`li[data-job="${id}"] progress`)?.value > v + 0.1,
    { id: jobId, v: first }, { timeout: 60000 });
  const later = await bar.evaluate((b) => b.value);
  assert.ok(later > first, `the bar rises: ${first} then ${later}`);
  assert.match(await row.locator('.progress span').textContent(), /: \d+ %$/);
  await shot(page, 'today-running-now');
  await row.waitFor({ state: 'detached', timeout: 120000 });
  await page.getByText('Nothing is being made right now.').waitFor();
  assert.equal((await apiGet(page, `/api/jobs/${jobId}`)).job.state, 'done');
  assert.deepEqual(problems, []);
  await context.close();
});
