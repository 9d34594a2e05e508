// The technician's session screen against a real `smp serve --demo`: the doctor plans
// Marcus Webb's case (through the API, as the plan step does), the technician opens
// today's Session 1 from Today, sees the plan's numbers for it, logs it with a barcode
// scanner's keystrokes (a lot number, then Enter: the form moves on, it never submits),
// is refused an expired pigment lot in words at its field, saves, uploads a photo with
// its progress, and finds the booking done on Today; a touch-up without a plan says so;
// the front desk cannot open the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, apiPost, repoFile } from './harness.mjs';

let photoDir = '';
before(async () => {
  await startClinic();
  // Marcus Webb's model head as it looks right after session 1, seen from above.
  photoDir = mkdtempSync(join(tmpdir(), 'smp-session-photo-'));
  execFileSync(process.env.SMP_CLI, ['photo', 'synth', repoFile('examples/norwood6-buzzcut.toml'), '--out', photoDir,
    '--state', 'session-1', '--width', '1600', '--height', '1200'], { stdio: 'ignore' });
});
after(async () => {
  await stopClinic();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

const kPlanTimeoutMs = 180000;
const booking = async (page, name) =>
  (await apiGet(page, '/api/appointments')).appointments.find((a) => a.patient_name.startsWith(name));
let plan = null;  // Marcus Webb's plan.json

test('the doctor plans Marcus Webb, and Today offers his session to be started', { timeout: kPlanTimeoutMs }, async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'doctor');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  const rows = page.locator('table.day tbody tr');
  assert.deepEqual(await rows.locator('td:nth-child(5)').allTextContents(),
    ['Start the session', '', 'Start the session', ''], 'a link on the Session 1 and the Touch-up rows only');
  const marcus = await booking(page, 'Marcus Webb');
  const doneJob = async () => (await apiGet(page, `/api/consultations/${marcus.consultation_id}/jobs`)).jobs
    .find((j) => j.kind === 'plan' && j.state === 'done');
  let job = await doneJob();
  if (!job) {
    const { json: { job: queued } } = await apiPost(page, `/api/consultations/${marcus.consultation_id}/jobs`, { kind: 'plan' });
    for (let state = queued.state; state === 'queued' || state === 'running';) {
      await new Promise((r) => setTimeout(r, 1000));
      ({ job: { state } } = await apiGet(page, `/api/jobs/${queued.id}`));
    }
    job = await doneJob();
  }
  assert.ok(job, 'the plan job is done');
  plan = await apiGet(page, `/api/jobs/${job.id}/files/plan.json`);
  assert.ok(plan.sessions[0].dots > 1000);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the technician logs Session 1 from its sheet with a scanner, then uploads a photo', { timeout: 120000 }, async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'technician');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  const marcus = await booking(page, 'Marcus Webb');
  await page.locator(`tr[data-appointment="${marcus.id}"]`).getByRole('link', { name: 'Start the session' }).click();
  await page.getByRole('heading', { name: 'Session 1: Marcus Webb (demo)' }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/sessions/${marcus.id}`);

  // The sheet: the plan's numbers for session 1, the map's scale in words, the PDF.
  const s1 = plan.sessions[0];
  const number = (label) => page.locator('.session-numbers div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
  assert.equal(Number((await number('Impressions').textContent()).replace(/\D/g, '')), s1.dots);
  assert.equal(await number('Needle').textContent(), s1.needle);
  assert.match(await number('Shade').textContent(), new RegExp(`^${s1.shade} \\(pigment ${Math.round(s1.shade_fraction * 100)} %`));
  assert.equal(await number('Chair time').textContent(), `${s1.chair_minutes} min`);
  assert.match(await page.locator('.scalp-map figcaption').textContent(), /Drawn here at [\d.]+ screen pixels per chart mm, not life size/);
  const sheet = page.getByRole('link', { name: 'Session sheet 1, PDF' });
  assert.match(await sheet.getAttribute('href'), /\/files\/sessions\/session-1\.pdf$/);
  assert.equal(await page.locator('.scalp-map img').evaluate((img) => img.complete && img.naturalWidth > 0), true);

  // The form starts from the plan: impressions, shade, one needle row per planned needle.
  const needles = s1.needle.split('+').map((x) => x.trim());
  assert.equal(await page.getByLabel('Impressions (estimated)').inputValue(), String(s1.dots));
  assert.equal(await page.getByLabel('Pigment 1: shade').inputValue(), s1.shade);
  for (const [i, type] of needles.entries()) assert.equal(await page.getByLabel(`Needle ${i + 1}: type`).inputValue(), type);
  assert.equal(await page.locator('input[name="areas"]:checked').count(), s1.regions.length);
  await shot(page, 'session-sheet-and-form');

  // Typing as a scanner does: the brand has the focus; Enter moves on, never submits.
  const focused = () => page.evaluate(() => document.activeElement?.name);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/session-logs')) posts.push(r.url()); });
  assert.equal(await focused(), 'pigments[1].brand');
  await page.keyboard.type('Perma Blend SMP');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'pigments[1].shade');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'pigments[1].lot');
  await page.keyboard.type('PB-2026-0412');
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'pigments[1].expiry', 'Enter after the lot moves to the expiry');
  await page.getByLabel('Pigment 1: expiry').fill('2020-01-31');
  for (const [i] of needles.entries()) {
    await page.getByLabel(`Needle ${i + 1}: lot (scan or type)`).focus();
    await page.keyboard.type(`ND-77${i}`);
    await page.keyboard.press('Enter');
  }
  await page.getByLabel('Dilution (%)').fill('25');
  await page.getByLabel('Depth setting').fill('0.6 mm');
  assert.deepEqual(posts, [], 'no Enter submitted the form');

  // An expired lot: refused in words at the expiry field, which gets the focus.
  await page.getByRole('button', { name: 'Save the session log' }).click();
  const expiryError = page.locator('#log-pigments-1-expiry-error');
  await expiryError.filter({ hasText: 'Refused: the pigment expired on 2020-01-31, before the session.' }).waitFor();
  assert.equal(await focused(), 'pigments[1].expiry');
  assert.equal(await page.getByLabel('Pigment 1: expiry').getAttribute('aria-invalid'), 'true');
  await shot(page, 'session-expired-lot');

  await page.getByLabel('Pigment 1: expiry').fill('2028-06-30');
  await page.getByRole('button', { name: 'Save the session log' }).click();
  await page.getByRole('heading', { name: 'Session 1: logged' }).waitFor();
  const { session_logs: logs } = await apiGet(page, `/api/patients/${marcus.patient_id}/session-logs`);
  assert.equal(logs.length, 1);
  const log = logs[0];
  assert.equal(log.appointment_id, marcus.id);
  assert.equal(log.session_number, 1);
  assert.equal(log.impressions_estimated, s1.dots);
  assert.deepEqual(log.pigments, [{ brand: 'Perma Blend SMP', shade: s1.shade, lot: 'PB-2026-0412', expiry: '2028-06-30' }]);
  assert.deepEqual(log.needles, needles.map((type, i) => ({ type, lot: `ND-77${i}` })));
  assert.equal(log.started_at, marcus.starts_at);
  assert.match(await page.locator('.saved-log [role="status"]').textContent(), new RegExp(`^Saved as ${log.id} on .+ at .+; the booking is done\\.$`));

  // A photo right after the session, its upload slowed so that its progress shows.
  const file = join(photoDir, 'top', 'photo.png');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: statSync(file).size / 3 });
  await page.getByLabel('View').selectOption('top');
  await page.getByLabel('Photos to upload (JPEG, PNG or HEIC)').setInputFiles(file);
  await page.waitForFunction(() => { const p = document.querySelector('.uploads progress'); return p && p.value > 0 && p.value < 1; });
  assert.match(await page.locator('.uploads .progress span').textContent(), /^photo\.png: \d{1,2} %$/);
  await page.getByText('photo.png: uploaded').waitFor({ timeout: 30000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  assert.equal(await page.locator('.uploads progress').evaluate((p) => p.value), 1);
  const listed = page.locator('.session-photos li');
  assert.equal(await listed.count(), 1);
  await page.waitForFunction(() => document.querySelector('.session-photos img')?.naturalWidth > 0);
  assert.match(await listed.textContent(), /From above · photo\.png1600 × 1200 px, PNG/);
  const { photos } = await apiGet(page, `/api/patients/${marcus.patient_id}/photos`);
  assert.deepEqual(photos.filter((p) => p.session_log_id === log.id).map((p) => [p.view, p.width_px]), [['top', 1600]]);
  await shot(page, 'session-logged-with-photo');

  // Opened again, the booking shows its log and photo; Today has it done.
  await page.reload();
  await page.getByRole('heading', { name: 'Session 1: logged' }).waitFor();
  await page.locator('.session-photos li').first().waitFor();
  await page.getByRole('link', { name: 'Back to today' }).click();
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  assert.equal(await page.locator(`tr[data-appointment="${marcus.id}"] td:nth-child(5)`).textContent(), 'Logged: open the log');
  assert.equal((await booking(page, 'Marcus Webb')).state, 'done');
  await shot(page, 'today-technician-session-logged');
  assert.deepEqual(problems.map((p) => p.replace(clinic.base, '')), ['HTTP 400: /api/session-logs',
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)'], 'only the expired lot was refused');
  await context.close();
});

test('a touch-up without a plan says so in words, on a 1024x768 tablet', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signInAgain(page, 'technician');
  const arjun = await booking(page, 'Arjun Mehta');
  await page.locator(`tr[data-appointment="${arjun.id}"]`).getByRole('link', { name: 'Start the session' }).click();
  await page.getByRole('heading', { name: 'Touch-up: Arjun Mehta (demo)' }).waitFor();
  assert.match(await page.locator('section.card', { has: page.locator('#sheet-title') }).textContent(),
    /There is no plan yet for this patient's consultation, so there is no session sheet\./);
  assert.equal(await page.getByLabel('Impressions (estimated)').inputValue(), '');
  assert.equal(await page.locator('input[name="areas"]').count(), 9, 'every region to choose from');
  await shot(page, 'session-touch-up-no-plan');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the front desk has no session link and cannot open the session screen', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'frontdesk');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: /Start the session|Logged/ }).count(), 0);
  assert.equal(await page.locator('table.day thead th').count(), 4);
  const marcus = await booking(page, 'Marcus Webb');
  await page.goto(`${clinic.base}/#/sessions/${marcus.id}`);
  await page.getByText('Your role cannot open this page.').waitFor();
  await shot(page, 'session-front-desk-refused');
  assert.deepEqual(problems, []);
  await context.close();
});
