// The consultation's photos step against a real `smp serve --demo`: the doctor uploads
// `smp photo synth` photos of Marcus Webb's head (the front on a throttled upload, its
// progress seen; the top dropped on its tile), places the front's true landmarks by
// clicking, sees the pose fitted with each point's residual, drags a point by a measured
// number of screen pixels and finds it saved that many image pixels away, has a point
// dragged too far refused in words and brings it back with the keyboard, analyses the
// posed photos, is refused a text file renamed .jpg in words, and finds everything again
// after a reload. The technician (take_photos) sees the same and places the points the
// server suggests on a real face photo; the front desk cannot open the step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, repoFile } from './harness.mjs';

let photoDir = '';
before(async () => {
  await startClinic();
  photoDir = mkdtempSync(join(tmpdir(), 'smp-consultation-photos-'));
  execFileSync(process.env.SMP_CLI, ['photo', 'synth', repoFile('examples/norwood6-buzzcut.toml'), '--out', join(photoDir, 'synth'),
    '--width', '1600', '--height', '1200'], { stdio: 'ignore' });
  writeFileSync(join(photoDir, 'not-a-photo.jpg'), 'These are notes, not a photo.\n');
});
after(async () => {
  await stopClinic();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

const kW = 1600, kH = 1200;
// The front view's true landmarks (the synth's landmarks.toml), pupils last: one pupil
// alone is not sent.
function trueLandmarks(view) {
  const toml = readFileSync(join(photoDir, 'synth', view, 'landmarks.toml'), 'utf8');
  return [...toml.matchAll(/^(\w+) = \[([\d.]+), ([\d.]+)\]/gm)].map(([, name, x, y]) => ({ name, x: Number(x), y: Number(y) }));
}

async function consultationOf(page, name) {
  const { patients } = await apiGet(page, `/api/patients?q=${encodeURIComponent(name)}`);
  const { consultations } = await apiGet(page, `/api/patients/${patients[0].id}/consultations`);
  return consultations[0].id;
}
const photoOf = async (page, id) => (await apiGet(page, `/api/photos/${id}`)).photo;

// Where a photo pixel is on the screen, and how many photo pixels one screen pixel is.
async function screenOf(page) {
  await page.locator('svg.landmark-photo').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const box = await page.locator('svg.landmark-photo').boundingBox();
  const k = box.width / kW;
  return { at: (x, y) => [box.x + x * k, box.y + y * k], pxPerScreenPx: 1 / k };
}
const pointCentre = async (page, name) => {
  const b = await page.locator(`svg.landmark-photo g[data-landmark="${name}"] .dot`).boundingBox();
  return [b.x + b.width / 2, b.y + b.height / 2];
};
async function drag(page, name, dy) {
  const [x, y] = await pointCentre(page, name);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + dy / 2, { steps: 4 });
  await page.mouse.move(x, y + dy, { steps: 4 });
  await page.mouse.up();
}
const savedText = (page) => page.locator('section.landmarks p.muted[aria-live]');
const residualOf = async (page, name) => page.locator(`.landmark-table tr[data-landmark="${name}"] td:nth-child(4)`).textContent();

let marcus = '';  // Marcus Webb's consultation
let front = null; // his front photo's record

test('the doctor uploads the photos, places the landmarks, drags one and sees the pose fit per point', { timeout: 120000 }, async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'doctor');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  marcus = await consultationOf(page, 'Marcus Webb');
  await page.goto(`${clinic.base}/#/consultations/${marcus}/photos`);
  await page.getByRole('heading', { name: 'The five clinic views' }).waitFor();
  const steps = page.getByRole('navigation', { name: 'Steps of the consultation' }).locator('a');
  assert.deepEqual((await steps.allTextContents()).slice(0, 2), ['1History and candidacy', '2Photos and landmarks']);
  assert.equal(await steps.nth(1).getAttribute('aria-current'), 'step');
  const tiles = page.locator('.view-tile');
  assert.deepEqual(await tiles.locator('h3').allTextContents(), ['Front', 'From above', 'Left side', 'Right side', 'Back']);
  assert.equal(await page.locator('.view-tile img').count(), 0);
  const input = page.getByLabel('Front: Choose or take a photo');
  assert.equal(await input.getAttribute('capture'), 'environment');
  assert.match(await input.getAttribute('accept'), /^image\/jpeg,image\/png,image\/heic,image\/heif/);
  await page.getByText('Fit the pose of at least one photo first.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Analyse the posed photos' }).isDisabled(), true);
  await shot(page, 'photos-empty');

  // The front photo on an upload slowed to a third of it a second: its progress shows.
  const file = join(photoDir, 'synth', 'front', 'photo.png');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: statSync(file).size / 3 });
  await input.setInputFiles(file);
  await page.waitForFunction(() => { const p = document.querySelector('[data-view="front"] progress'); return p && p.value > 0 && p.value < 1; });
  assert.match(await page.locator('[data-view="front"] .progress span').textContent(), /^photo\.png: \d{1,2} %$/);
  await page.locator('[data-view="front"]').getByText('photo.png: uploaded').waitFor({ timeout: 30000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.waitForFunction(() => document.querySelector('[data-view="front"] img')?.naturalWidth > 0);
  assert.equal(await page.locator('[data-view="front"] .tile-about').textContent(), '1600 × 1200 px, PNG · landmarks not placed');
  const { photos } = await apiGet(page, `/api/consultations/${marcus}/photos`);
  assert.deepEqual(photos.map((p) => [p.view, p.width_px, p.height_px, p.format]), [['front', kW, kH, 'PNG']]);
  front = photos[0];

  // The model head has no face the cascades find: no suggestion, said in words.
  await page.getByRole('heading', { name: 'Landmarks: Front' }).waitFor();
  await page.getByText('No point could be suggested on this photo: place them by hand.').waitFor();
  assert.match(await page.locator('.lm-notes li').first().textContent(), /^no face found/);
  assert.equal(await page.locator('svg.landmark-photo g.lm').count(), 0);

  // Each true landmark chosen, then clicked where it is; saved from the fourth.
  const truth = trueLandmarks('front');
  assert.equal(truth.length, 8);
  const screen = await screenOf(page);
  for (const [i, p] of truth.entries()) {
    await page.getByLabel('Point to move').selectOption(p.name);
    await page.mouse.click(...screen.at(p.x, p.y));
    await page.locator(`svg.landmark-photo g[data-landmark="${p.name}"]`).waitFor();
    if (i === 1) await savedText(page).filter({ hasText: 'Not saved yet: the pose needs at least 4 landmarks besides the pupils (2 placed).' }).waitFor();
    if (i === 6) await savedText(page).filter({ hasText: 'Not saved yet: place both pupils or neither.' }).waitFor();
  }
  await page.getByText('Pose fitted to 6 landmarks:').waitFor();
  await savedText(page).filter({ hasText: /^Saved \(landmarks version \d+\)\.$/ }).waitFor();
  front = await photoOf(page, front.id);
  assert.equal(Object.keys(front.landmarks.points).length, 8);
  for (const p of truth) {
    const q = front.landmarks.points[p.name];
    assert.ok(Math.hypot(q.x_px - p.x, q.y_px - p.y) < 1.5, `${p.name} placed where clicked: ${JSON.stringify(q)}`);
  }
  assert.equal(front.pose.refused, null);
  assert.ok(front.pose.reprojection.rms_px < 2, `RMS ${front.pose.reprojection.rms_px}`);
  assert.equal(await page.locator('svg.landmark-photo g.lm').count(), 8);
  assert.equal(await page.locator('.landmark-table tbody tr').count(), 8);
  const mmPerPx = front.pose.scale.mm_per_px_at_head;
  for (const [name, res] of Object.entries(front.pose.reprojection.residuals_px)) {
    assert.equal(await residualOf(page, name), `${res.toFixed(1)} px (${(res * mmPerPx).toFixed(1)} mm)`);
  }
  assert.equal(await residualOf(page, 'pupil_left'), 'scale only');
  assert.match(await page.locator('.fit').textContent(), /Scale from the pupils' distance: 0\.2\d\d mm per pixel at the head\./);
  assert.match(await page.locator('[data-view="front"] .tile-about').textContent(), /pose fitted \(\d\.\d px RMS\)$/);
  await shot(page, 'photos-front-fitted');

  // The glabella dragged 10 screen pixels down: saved that many photo pixels lower.
  const before = front.landmarks.points.glabella;
  await drag(page, 'glabella', 10);
  await page.waitForFunction((v) => document.querySelector('section.landmarks p.muted[aria-live]')?.textContent
    === `Saved (landmarks version ${v}).`, front.version + 1);
  front = await photoOf(page, front.id);
  const moved = front.landmarks.points.glabella;
  assert.ok(Math.abs(moved.x_px - before.x_px) <= 0.6, `x kept: ${moved.x_px} against ${before.x_px}`);
  assert.ok(Math.abs(moved.y_px - before.y_px - 10 * screen.pxPerScreenPx) <= 0.6,
    `moved ${moved.y_px - before.y_px} px, expected ${10 * screen.pxPerScreenPx}`);
  assert.equal(front.pose.refused, null);
  const glabellaResidual = front.pose.reprojection.residuals_px.glabella;
  assert.ok(glabellaResidual > 3, `the moved point is off the fit: ${glabellaResidual}`);
  assert.equal(await residualOf(page, 'glabella'), `${glabellaResidual.toFixed(1)} px (${(glabellaResidual * front.pose.scale.mm_per_px_at_head).toFixed(1)} mm)`);

  // Dragged 30 more: the fit is refused with the server's reason, the point marked.
  await drag(page, 'glabella', 30);
  await page.locator('.fit .warning').waitFor();
  front = await photoOf(page, front.id);
  assert.match(front.pose.refused, /^landmark 'glabella' is [\d.]+ px from where the other landmarks put it/);
  assert.equal(await page.locator('.fit .warning').textContent(), `The pose was refused: ${front.pose.refused}.`);
  assert.equal(await page.locator('svg.landmark-photo g.named').getAttribute('data-landmark'), 'glabella');
  assert.equal(await page.locator('.landmark-table tr.named th').textContent(), 'Glabella');
  assert.equal(await page.locator('[data-view="front"] .tile-about').textContent(), '1600 × 1200 px, PNG · pose refused');
  await shot(page, 'photos-front-refused');

  // Back up with the keyboard: Shift+ArrowUp three times, 10 screen pixels each.
  const refusedAt = front.landmarks.points.glabella;
  await page.getByLabel('Point to move').selectOption('glabella');
  await page.locator('svg.landmark-photo').focus();
  for (let i = 0; i < 3; ++i) await page.keyboard.press('Shift+ArrowUp');
  await page.waitForFunction((v) => document.querySelector('section.landmarks p.muted[aria-live]')?.textContent
    === `Saved (landmarks version ${v}).`, front.version + 1);
  front = await photoOf(page, front.id);
  assert.ok(Math.abs(refusedAt.y_px - front.landmarks.points.glabella.y_px - 30 * screen.pxPerScreenPx) <= 0.6);
  assert.equal(front.pose.refused, null);
  await page.getByText('Pose fitted to 6 landmarks:').waitFor();

  // What the posed photo shows.
  await page.getByRole('button', { name: 'Analyse the posed photos' }).click();
  await page.locator('dl.analysis').waitFor({ timeout: 30000 });
  const analysis = (await apiGet(page, `/api/consultations/${marcus}/photo-analysis`)).analysis;
  assert.deepEqual(analysis.photos, { front: front.id });
  const term = (name) => page.locator('dl.analysis div', { has: page.locator('dt', { hasText: name }) }).locator('dd');
  assert.equal(await term('Skin (Fitzpatrick)').textContent(), `type ${['', 'I', 'II', 'III', 'IV', 'V', 'VI'][analysis.tone.phototype]}, as the case says`);
  assert.equal(await term('Hair colour').textContent(), `${analysis.tone.hair_colour}, the case's: no hair was seen on the photos`);
  assert.match(await term('Shades').textContent(), new RegExp(`^${analysis.tone.shades.join(', ')}`));
  await page.waitForFunction(() => [...document.querySelectorAll('.analysis-pictures img')].every((i) => i.naturalWidth > 0));
  assert.equal(await page.locator('.analysis-pictures img').count(), 2);

  // The top photo dropped on its tile.
  const bytes = readFileSync(join(photoDir, 'synth', 'top', 'photo.png')).toString('base64');
  const dropped = await page.evaluateHandle((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], 'top.png', { type: 'image/png' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('[data-view="top"]', 'dragover', { dataTransfer: dropped });
  await page.dispatchEvent('[data-view="top"]', 'drop', { dataTransfer: dropped });
  await page.locator('[data-view="top"]').getByText('top.png: uploaded').waitFor();
  await page.getByRole('heading', { name: 'Landmarks: From above' }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-view="top"] img')?.naturalWidth > 0);
  assert.equal(await page.locator('[data-view="top"]').getAttribute('class'), 'view-tile chosen');

  // A text file named .jpg: refused in words at its tile, nothing stored.
  await page.getByLabel('Left side: Choose or take a photo').setInputFiles(join(photoDir, 'not-a-photo.jpg'));
  await page.locator('#photo-left-error').filter({ hasText: 'Not stored: unsupported format: the content is not JPEG, PNG or HEIC.' }).waitFor();
  assert.equal(await page.locator('[data-view="left"] img').count(), 0);
  assert.deepEqual((await apiGet(page, `/api/consultations/${marcus}/photos`)).photos.map((p) => p.view).sort(), ['front', 'top']);
  await shot(page, 'photos-top-dropped-bad-file-refused');

  // A reload: both photos, the front chosen with its saved points where the server has them.
  await page.reload();
  await page.getByRole('heading', { name: 'Landmarks: Front' }).waitFor();
  await page.locator('dl.analysis').waitFor();
  assert.equal(await page.locator('.view-tile img').count(), 2);
  for (const [name, p] of Object.entries(front.landmarks.points)) {
    assert.equal(await page.locator(`svg.landmark-photo g[data-landmark="${name}"]`).getAttribute('transform'),
      `translate(${p.x_px} ${p.y_px})`);
  }
  await page.getByText('Pose fitted to 6 landmarks:').waitFor();
  assert.deepEqual(problems.map((p) => p.replace(clinic.base, '')), [
    `HTTP 400: /api/consultations/${marcus}/photos?view=left&file_name=not-a-photo.jpg`,
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ], 'only the text file was refused');
  await context.close();
});

test('the technician sees the photos and saves the points suggested on a face, on a 1024x768 tablet', { timeout: 60000 }, async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signIn(page, 'technician');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await page.goto(`${clinic.base}/#/consultations/${marcus}/photos`);
  await page.getByRole('heading', { name: 'Landmarks: Front' }).waitFor();
  assert.equal(await page.locator('.view-tile img').count(), 2);
  assert.equal(await page.locator('svg.landmark-photo g.lm').count(), 8);
  await page.locator('dl.analysis').waitFor();
  assert.equal(await page.getByLabel('Left side: Choose or take a photo').count(), 1, 'take_photos: the technician uploads too');

  // Daniel Okafor: a real face photo as his front view; the server's points drawn, saved.
  const daniel = await consultationOf(page, 'Daniel Okafor');
  await page.goto(`${clinic.base}/#/consultations/${daniel}/photos`);
  await page.getByRole('heading', { name: 'The five clinic views' }).waitFor();
  await page.getByLabel('Front: Choose or take a photo').setInputFiles(repoFile('examples/photos/astronaut-face.jpg'));
  await page.getByText(/^6 points suggested from the face and eyes found/).waitFor();
  const photo = (await apiGet(page, `/api/consultations/${daniel}/photos`)).photos[0];
  const suggested = await apiGet(page, `/api/photos/${photo.id}/landmark-suggestions`);
  assert.equal(suggested.faces_found, 1);
  assert.equal(await page.locator('svg.landmark-photo g.lm.suggested').count(), Object.keys(suggested.points).length);
  for (const [name, p] of Object.entries(suggested.points)) {
    assert.equal(await page.locator(`svg.landmark-photo g[data-landmark="${name}"]`).getAttribute('transform'),
      `translate(${p.x_px} ${p.y_px})`);
  }
  assert.equal(await page.locator('.fit').textContent(), 'Suggested, not saved yet.');
  assert.equal((await photoOf(page, photo.id)).landmarks, null, 'nothing stored before they are accepted');
  await shot(page, 'photos-technician-suggested');
  await page.getByRole('button', { name: 'Save the suggested points' }).click();
  await page.getByText(/^Pose fitted to 4 landmarks:/).waitFor();
  const saved = await photoOf(page, photo.id);
  assert.deepEqual(saved.landmarks.points, suggested.points);
  assert.equal(await page.locator('svg.landmark-photo g.lm.suggested').count(), 0);
  assert.equal(await page.locator('svg.landmark-photo g.lm').count(), 6);
  assert.equal(await page.locator('.landmark-table tbody tr').count(), 6);
  await shot(page, 'photos-technician-saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the front desk cannot open the photos step', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'frontdesk');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await page.goto(`${clinic.base}/#/consultations/${marcus}/photos`);
  await page.getByText('Your role cannot open this page.').waitFor();
  assert.equal(await page.locator('.view-tile').count(), 0);
  await shot(page, 'photos-front-desk-refused');
  assert.deepEqual(problems, []);
  await context.close();
});
