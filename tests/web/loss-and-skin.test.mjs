// The consultation's skin and hair and hair-loss steps, on Daniel Okafor's case (Norwood
// III, phototype II, light brown hair): the doctor chooses a phototype (a new version, in
// the case, kept after a reload), measures posed photos and takes the measured phototype,
// and reads the shades the plan chose with their reasons; picks Norwood V and sees the
// treated area and impressions the live design gives, the map redrawn with more dots; an
// Olsen severity out of range refused at its field; alopecia areata patches placed by a
// click on the map and by their numbers; the technician sees both steps read-only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, apiPost, repoFile } from './harness.mjs';

before(startClinic);
after(stopClinic);

let id;  // Daniel Okafor's consultation
const header = (page) => page.locator('main > p.muted');
const stepUrl = (step) => `${clinic.base}/#/consultations/${id}/${step}`;

// A front and a top photo of the Norwood III example's model head with their true landmarks.
function synthPhotos() {
  const dir = mkdtempSync(join(tmpdir(), 'smp-skin-'));
  const example = repoFile('examples/norwood3-soft-hairline.toml');
  execFileSync(process.env.SMP_CLI, ['photo', 'synth', example, '--out', dir, '--state', 'before',
    '--width', '800', '--height', '600'], { stdio: 'ignore' });
  const photos = ['front', 'top'].map((view) => {
    const toml = readFileSync(join(dir, view, 'landmarks.toml'), 'utf8');
    const number = (key) => Number(toml.match(new RegExp(`^${key} = ([\\d.]+)`, 'm'))[1]);
    const points = Object.fromEntries([...toml.matchAll(/^(\w+) = \[([\d.]+), ([\d.]+)\]/gm)]
      .map(([, name, x, y]) => [name, { x_px: Number(x), y_px: Number(y) }]));
    return { view, png: readFileSync(join(dir, view, 'photo.png')), points,
             focal_px: number('focal_px'), interpupillary_mm: number('interpupillary_mm') };
  });
  rmSync(dir, { recursive: true, force: true });
  return photos;
}

// Uploaded to the consultation and posed, as the photos step would.
async function posedPhotos(page) {
  const { csrf_token: csrf } = await apiGet(page, '/api/me');
  for (const p of synthPhotos()) {
    const up = await page.request.post(`${clinic.base}/api/consultations/${id}/photos?view=${p.view}`,
      { headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' }, data: p.png });
    assert.equal(up.status(), 201);
    const { photo } = await up.json();
    const posed = await page.request.put(`${clinic.base}/api/photos/${photo.id}/landmarks`, { headers: { 'X-CSRF-Token': csrf },
      data: { version: photo.version, points: p.points, focal_px: p.focal_px, interpupillary_mm: p.interpupillary_mm } });
    assert.equal(posed.status(), 200);
    assert.equal((await posed.json()).photo.pose.refused, null);
  }
}

const caseOf = async (page) => (await apiGet(page, `/api/consultations/${id}`)).consultation;

async function planDone(page, jobId) {
  for (let i = 0; i < 120; ++i) {
    const { job } = await apiGet(page, `/api/jobs/${jobId}`);
    if (job.state === 'done') return job;
    assert.ok(job.state === 'queued' || job.state === 'running', `plan ${job.state}`);
    await page.waitForTimeout(1000);
  }
  throw new Error('the plan took over 2 minutes');
}

test('the doctor chooses the phototype, takes the one measured on the photos and reads the plan\'s shades', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'doctor');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  const [patient] = (await apiGet(page, '/api/patients?q=Okafor')).patients;
  id = (await apiGet(page, `/api/patients/${patient.id}/consultations`)).consultations[0].id;
  // Version 1 planned now, so that the step has shades to show later.
  const queued = await apiPost(page, `/api/consultations/${id}/jobs`, { kind: 'plan' });
  assert.equal(queued.status, 202);

  await page.goto(stepUrl('skin'));
  await page.getByRole('heading', { name: 'Skin and hair', level: 2 }).waitFor();
  await page.getByText(/^This consultation has no photos yet/).waitFor();
  assert.ok(await page.getByLabel(/^II: usually burns/).isChecked(), 'the case\'s phototype II');
  assert.equal(await page.getByLabel('Hair colour').inputValue(), 'light brown');
  await page.getByLabel(/^IV: rarely burns/).check();
  await header(page).getByText(/case version 2, saved/).waitFor();
  const v2 = await caseOf(page);
  assert.equal(v2.case_version, 2);
  assert.equal(v2.case.patient.phototype, 'IV');
  await page.reload();
  await page.getByLabel(/^IV: rarely burns/).waitFor();
  assert.ok(await page.getByLabel(/^IV: rarely burns/).isChecked(), 'kept after a reload');

  // Posed photos: measured from the step, the measured type offered beside the choice.
  await posedPhotos(page);
  await page.reload();
  await page.getByText('2 posed photos, not measured yet.').waitFor();
  await page.getByRole('button', { name: 'Measure the photos' }).click();
  await page.getByText('Measured on the photos: type II.').waitFor();
  await page.getByText('No hair was seen on the photos, so its colour was not measured.').waitFor();
  const analysis = (await apiGet(page, `/api/consultations/${id}/photo-analysis`)).analysis;
  assert.equal(analysis.tone.phototype, 2);
  await page.getByText(`Shades for the measured skin and hair: ${analysis.tone.shades.join(', ')}.`).waitFor();
  await page.getByRole('button', { name: 'Use the measured value: Skin phototype (Fitzpatrick)' }).click();
  await header(page).getByText(/case version 3, saved/).waitFor();
  assert.equal((await caseOf(page)).case.patient.phototype, 'II');
  assert.ok(await page.getByLabel(/^II: usually burns/).isChecked());
  await page.getByText('The same as chosen.').waitFor();

  // The shades of the plan of version 1, with its reasons, and the call to plan again.
  const job = await planDone(page, queued.json.job.id);
  const plan = await apiGet(page, `/api/jobs/${job.id}/files/plan.json`);
  await page.reload();
  const rows = page.locator('table.shades tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), plan.sessions.map((s) => s.shade));
  assert.deepEqual(await rows.locator('td:nth-child(3)').allTextContents(),
    plan.sessions.map((s) => `${Math.round(s.shade_fraction * 100)} %`));
  assert.deepEqual(await page.locator('.skin-step h3 + ul li').allTextContents(), plan.shade.reasons);
  await page.getByText(/^The case has changed since \(now version 3\): plan again/).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Open the plan step' }).getAttribute('href'), `#/consultations/${id}/plan`);
  await shot(page, 'skin-and-hair');
  // The one 404: the analysis asked for before the photos were measured.
  assert.deepEqual(problems, [`HTTP 404: ${clinic.base}/api/consultations/${id}/photo-analysis`,
    'console: Failed to load resource: the server responded with a status of 404 (Not Found)']);
  await context.close();
});

// Pixels of the map in the session colours of paint.js: the planned dots.
const dotPixels = (page) => page.locator('canvas.loss-map').evaluate((canvas) => {
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set(['0,114,178', '230,159,0', '0,158,115', '204,121,167']);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (colours.has(`${data[i]},${data[i + 1]},${data[i + 2]}`)) ++n;
  return n;
});

// Pixels of the patches' red circle in the 60 px square around a point of the map (CSS px).
const circlePixels = (page, x, y) => page.locator('canvas.loss-map').evaluate((canvas, [cx, cy]) => {
  const ratio = canvas.width / canvas.clientWidth;
  const side = Math.round(60 * ratio);
  const { data } = canvas.getContext('2d').getImageData(Math.round(cx * ratio) - side / 2, Math.round(cy * ratio) - side / 2, side, side);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] === 163 && data[i + 1] === 29 && data[i + 2] === 29) ++n;
  return n;
}, [x, y]);

// The treated area and impressions of the live design, as the step says them.
async function liveTotals(page) {
  const d = await apiGet(page, `/api/consultations/${id}/live-design`);
  const cm2 = d.regions.reduce((a, r) => a + r.treated_area_cm2, 0), dots = d.regions.reduce((a, r) => a + r.dots, 0);
  return { cm2: cm2.toFixed(1), n: dots.toLocaleString('en-US'), dots };
}

test('the doctor picks another stage and pattern and sees the treated area change, and places bald patches', async () => {
  const { page, problems, context } = await watchedPage();
  await signInAgain(page, 'doctor');
  await page.goto(stepUrl('loss'));
  const totals = page.locator('.loss-totals');
  await totals.getByText(/cm² treated/).waitFor();
  assert.equal(await page.getByLabel('Pattern').inputValue(), 'norwood');
  assert.equal(await page.getByLabel('Stage', { exact: true }).inputValue(), 'III');
  const before3 = await liveTotals(page);
  assert.equal(await totals.textContent(), `${before3.cm2} cm² treated, ${before3.n} impressions.`);
  const pixels3 = await dotPixels(page);
  assert.ok(pixels3 > 0);

  await page.getByLabel('Stage', { exact: true }).selectOption('V');
  await totals.getByText(/before this change/).waitFor();
  await header(page).getByText(/case version 4, saved/).waitFor();
  assert.deepEqual((await caseOf(page)).case.hair_loss, { pattern: 'norwood', stage: 'V', hair_length_mm: 1 });
  const after5 = await liveTotals(page);
  assert.ok(after5.dots > before3.dots, 'stage V treats more than III');
  assert.equal(await totals.textContent(),
    `${after5.cm2} cm² treated, ${after5.n} impressions (before this change: ${before3.cm2} cm², ${before3.n}).`);
  await page.getByText('Front and crown larger, the band between them narrow and sparse.').waitFor();
  const pixels5 = await dotPixels(page);
  assert.ok(pixels5 > pixels3 * 1.2, `the map redrawn with more dots (${pixels3} -> ${pixels5})`);
  await shot(page, 'hair-loss-norwood');

  // Olsen is saved at once with its default; a severity of 2 is refused at its field.
  await page.getByLabel('Pattern').selectOption('olsen');
  await header(page).getByText(/case version 5, saved/).waitFor();
  assert.deepEqual((await caseOf(page)).case.hair_loss, { pattern: 'olsen', hair_length_mm: 1 });
  const severity = page.getByLabel(/^Severity/);
  assert.equal(await severity.inputValue(), '0.6');
  await severity.fill('2');
  await severity.press('Tab');
  await page.locator('#loss-amount-error').getByText(/value 2 is out of range \[0\.05, 1\]/).waitFor();
  assert.equal((await caseOf(page)).case_version, 5, 'nothing saved');

  // Alopecia areata: not saved before a patch; a click on the map's middle places one at the vertex.
  await page.getByLabel('Pattern').selectOption('areata');
  await page.getByText(/^Place a patch on the map/).waitFor();
  // The map drawn from the last saved design and ready to take a click (a slow machine).
  await page.waitForFunction(() => document.getElementById('status').textContent === '');
  await page.locator('canvas.loss-map.pickable').waitFor();
  const map = await page.locator('canvas.loss-map').boundingBox();
  const beforePatch = await dotPixels(page);
  await page.locator('canvas.loss-map').click({ position: { x: map.width / 2, y: map.height / 2 } });
  await header(page).getByText(/case version 6, saved/).waitFor();
  const [patch] = (await caseOf(page)).case.hair_loss.patches;
  assert.equal(patch.diameter_mm, 30);
  assert.ok(Math.hypot(patch.u_mm, patch.v_mm) < 100, `on the top of the head: ${JSON.stringify(patch)}`);
  const areata = await liveTotals(page);
  await totals.getByText(`${areata.cm2} cm² treated, ${areata.n} impressions (before this change`).waitFor();
  assert.equal(await page.locator('ul.patches li').count(), 1);
  assert.notEqual(await dotPixels(page), beforePatch);
  assert.ok(await circlePixels(page, map.width / 2, map.height / 2) > 40, 'the patch circled where clicked');
  // A second one by its numbers, 45 mm across.
  await page.getByLabel(/^Diameter of a new patch/).fill('45');
  await page.getByLabel(/^Towards the patient's right/).fill('40');
  await page.getByLabel(/^Towards the face/).fill('-30');
  await page.getByRole('button', { name: 'Add the patch' }).click();
  await header(page).getByText(/case version 7, saved/).waitFor();
  assert.deepEqual((await caseOf(page)).case.hair_loss.patches[1], { u_mm: 40, v_mm: -30, diameter_mm: 45 });
  await page.getByText('At 40, -30 mm, 45 mm across').waitFor();
  await shot(page, 'hair-loss-areata');
  // The first taken away by a click inside it.
  await page.locator('canvas.loss-map').click({ position: { x: map.width / 2, y: map.height / 2 } });
  await header(page).getByText(/case version 8, saved/).waitFor();
  assert.deepEqual((await caseOf(page)).case.hair_loss.patches, [{ u_mm: 40, v_mm: -30, diameter_mm: 45 }]);
  // The one refusal: the severity of 2.
  assert.deepEqual(problems, [`HTTP 400: ${clinic.base}/api/consultations/${id}/case`,
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  await context.close();
});

test('the technician sees the skin and hair and the hair loss, and cannot change them', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signIn(page, 'technician');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await page.goto(stepUrl('skin'));
  await page.getByText('Measured on the photos: type II.').waitFor();
  const chosen = page.getByLabel(/^II: usually burns/);
  assert.ok(await chosen.isChecked());
  assert.ok(await chosen.isDisabled());
  assert.ok(await page.getByLabel('Hair colour').isDisabled());
  assert.equal(await page.getByRole('button', { name: /Use the measured value|Measure/ }).count(), 0);
  await shot(page, 'skin-and-hair-technician');
  await page.goto(stepUrl('loss'));
  await page.locator('.loss-totals').getByText(/cm² treated/).waitFor();
  assert.equal(await page.getByLabel('Pattern').inputValue(), 'areata');
  assert.ok(await page.getByLabel('Pattern').isDisabled());
  assert.equal(await page.getByRole('button', { name: /Remove/ }).count(), 0);
  await page.getByRole('img', { name: /hair coverage measured on the photos/ }).waitFor();
  await shot(page, 'hair-loss-technician');
  assert.deepEqual(problems, []);
  await context.close();
});
