// The gallery in headless Chromium against a real `smp serve --demo`: empty in the demo
// clinic; once a patient has signed the gallery consent and has top and back photos months
// apart (made through the API as the doctor, the photos by `smp photo synth`), the pairs
// side by side, filtered by view and time between, their originals checked, and never a
// patient's name or id; the front desk sees them too, and not after the consent is withdrawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, navLinks, repoFile } from './harness.mjs';

before(startClinic);
after(stopClinic);

const kPatient = 'Marcus Webb (demo)';
const daysAgo = (n) => new Date(Date.now() - n * 86400e3).toISOString().slice(0, 10);
const pairs = (page) => page.locator('article.gallery-pair:not([hidden])');

// Photographs of the demo patient's model head before and healed (PNG, 800 x 600).
function synthPhotos() {
  const dir = mkdtempSync(join(tmpdir(), 'smp-gallery-'));
  const example = repoFile('examples/norwood6-buzzcut.toml');
  for (const state of ['before', 'healed'])
    execFileSync(process.env.SMP_CLI, ['photo', 'synth', example, '--out', join(dir, state), '--state', state,
      '--width', '800', '--height', '600'], { stdio: 'ignore' });
  const photo = (state, view) => readFileSync(join(dir, state, view, 'photo.png'));
  const photos = { top: [photo('before', 'top'), photo('healed', 'top')], back: [photo('before', 'back'), photo('healed', 'back')] };
  rmSync(dir, { recursive: true, force: true });
  return photos;
}

// As the signed-in doctor, through the API: the gallery consent signed, and a top pair
// 120 days apart and a back pair 400 days apart. Returns the patient and the consent.
async function consentAndPhotos(page) {
  const { csrf_token: csrf } = await apiGet(page, '/api/me');
  const headers = { 'X-CSRF-Token': csrf };
  const [patient] = (await apiGet(page, '/api/patients?q=Webb')).patients;
  const [consultation] = (await apiGet(page, `/api/patients/${patient.id}/consultations`)).consultations;
  const post = async (path, options) => {
    const r = await page.request.post(clinic.base + path, { ...options, headers: { ...headers, ...options.headers } });
    assert.equal(r.status(), 201, `${path}: ${await r.text()}`);
    return r.json();
  };
  const { consent } = await post(`/api/patients/${patient.id}/consents`, { data: {
    template_id: 'T-photos_gallery-1', typed_name: kPatient,
    signature: { width_px: 400, height_px: 150, strokes: [[[20, 100], [120, 40], [220, 110], [380, 60]]] } } });
  const photos = synthPhotos();
  for (const [view, before] of [['top', 120], ['back', 400]])
    for (const [i, takenOn] of [[0, daysAgo(before)], [1, daysAgo(0)]])
      await post(`/api/consultations/${consultation.id}/photos?view=${view}&taken_on=${takenOn}&file_name=${view}-${i}.png`,
        { headers: { 'Content-Type': 'image/png' }, data: photos[view][i] });
  return { patient, consent };
}

// What must never be on the gallery: the patient's name, or any patient, photo, consent or
// consultation id, in the text or in any address the page loads.
async function assertAnonymous(page, patient) {
  const text = await page.locator('body').textContent();
  assert.ok(!text.includes('Marcus') && !text.includes('Webb'), 'no name');
  assert.doesNotMatch(text, /\b[PICK]-[0-9A-F]{10}\b/, 'no record id');
  const sources = await page.locator('main img').evaluateAll((imgs) => imgs.map((i) => new URL(i.src).pathname));
  for (const src of sources) assert.match(src, /^\/api\/gallery\/G-[0-9a-f]{20}\/side-by-side\.jpg$/);
  assert.ok(!(await page.content()).includes(patient.id));
}

let made;

test('the demo clinic\'s gallery is empty, and says what a pair needs', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'doctor');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  assert.ok((await navLinks(page)).includes('Gallery'));
  await page.getByRole('link', { name: 'Gallery' }).click();
  await page.getByRole('heading', { name: 'Before and after' }).waitFor();
  assert.deepEqual((await apiGet(page, '/api/gallery')).pairs, []);
  await page.getByText(/^No pair yet\. A pair needs the patient's gallery consent/).waitFor();
  assert.equal(await page.getByRole('search').count(), 0, 'no filters for nothing');
  await shot(page, 'gallery-empty');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with a gallery consent and photos months apart, the doctor sees the pairs side by side, filters them and checks the originals', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'doctor');
  made = await consentAndPhotos(page);
  await page.goto(clinic.base + '/#/gallery');
  await pairs(page).first().waitFor();
  assert.equal(await pairs(page).count(), 2);
  await page.getByText('2 of 2 pairs').waitFor();
  // Each with its view and dates in words.
  const captions = await page.locator('article.gallery-pair > p:first-of-type').allTextContents();
  assert.equal(captions.length, 2);
  assert.ok(captions.some((c) => /^From above · before .+, after .+ \(120 days later\)$/.test(c)), captions.join(' | '));
  assert.ok(captions.some((c) => /^Back · before .+, after .+ \(400 days later\)$/.test(c)), captions.join(' | '));
  // Both pictures arrive (the server aligns each pair for it).
  await page.waitForFunction(() => [...document.querySelectorAll('article.gallery-pair img')].every((i) => i.complete && i.naturalWidth > 0));
  assert.deepEqual(await page.locator('article.gallery-pair img').evaluateAll((imgs) => imgs.map((i) => [i.naturalWidth, i.naturalHeight])),
    [[1600, 600], [1600, 600]]);
  await assertAnonymous(page, made.patient);
  await shot(page, 'gallery');

  await page.getByLabel('View').selectOption({ label: 'Back' });
  assert.deepEqual(await pairs(page).evaluateAll((a) => a.map((x) => x.dataset.view)), ['back']);
  await page.getByText('1 of 2 pairs').waitFor();
  await page.getByLabel('View').selectOption({ label: 'Every view' });
  await page.getByLabel('Time between the photos').selectOption({ label: 'At least 6 months' });
  assert.deepEqual(await pairs(page).evaluateAll((a) => a.map((x) => x.dataset.view)), ['back']);
  await page.getByLabel('View').selectOption({ label: 'From above' });
  assert.equal(await pairs(page).count(), 0);
  await page.getByText('No pair matches these filters.').waitFor();
  await page.getByText('0 of 2 pairs').waitFor();
  await page.getByLabel('Time between the photos').selectOption({ label: 'At least 3 months' });
  assert.deepEqual(await pairs(page).evaluateAll((a) => a.map((x) => x.dataset.view)), ['top']);
  assert.ok(await page.getByText('No pair matches these filters.').isHidden());

  await pairs(page).getByRole('button', { name: 'Check the originals' }).click();
  await pairs(page).getByText(/^Both originals are as they were uploaded\. Aligned by .+: turned -?\d+\.\d°, size changed by -?\d+\.\d %\.$/).waitFor();
  await shot(page, 'gallery-filtered');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the front desk sees the same pairs; once the patient withdraws the consent, none', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signIn(page, 'frontdesk');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await page.getByRole('link', { name: 'Gallery' }).click();
  await pairs(page).first().waitFor();
  assert.equal(await pairs(page).count(), 2);
  await page.waitForFunction(() => [...document.querySelectorAll('article.gallery-pair img')].every((i) => i.complete && i.naturalWidth > 0));
  await assertAnonymous(page, made.patient);
  await shot(page, 'gallery-front-desk-1024');

  // The withdrawal, received in writing, takes the pictures out at once.
  const { csrf_token: csrf } = await apiGet(page, '/api/me');
  const r = await page.request.post(`${clinic.base}/api/consents/${made.consent.id}/withdrawal`, {
    headers: { 'X-CSRF-Token': csrf }, data: { in_person: false, typed_name: kPatient, note: 'By letter' } });
  assert.equal(r.status(), 201, await r.text());
  await page.reload();
  await page.getByText(/^No pair yet\./).waitFor();
  assert.equal(await pairs(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
