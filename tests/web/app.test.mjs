// The clinic web app in headless Chromium against a real `smp serve --demo` on SQLite
// (SMP_CLI names the program): each role signs in with its one-time password, chooses its
// own, and sees exactly its screens; the day, the search and a registration work; no
// console error, failed request or request to another origin; axe-core finds no serious
// or critical violation. Screenshots of every screen go to SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { clinic, startClinic, stopClinic, watchedPage, shot, signIn, signInAgain, apiGet, navLinks, openPatient, shots } from './harness.mjs';

before(startClinic);
after(stopClinic);

test('a wrong password is refused in words, on the sign-in screen', async () => {
  const { page, context } = await watchedPage();
  await page.goto(clinic.base + '/');
  await shot(page, 'sign-in');
  await page.getByLabel('Name').fill('doctor');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'wrong name or password' }).waitFor());
  await context.close();
});

test('the doctor changes the one-time password, then sees today by technician and room', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'doctor');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  assert.deepEqual(await navLinks(page), ['Today', 'Patients', 'Gallery']);
  const rows = page.locator('table.day tbody tr');
  assert.equal(await rows.count(), 4, 'the demo clinic books four visits today');
  assert.equal(await page.locator('table.day caption').textContent(), 'technician');
  const visits = await page.locator('table.day tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(visits, ['Session 1', 'Consultation', 'Touch-up', 'Follow-up']);
  const rooms = await page.locator('table.day tbody tr td:nth-child(4)').allTextContents();
  assert.deepEqual(rooms, ['Room 1', 'Room 2', 'Room 1', 'Room 2']);
  assert.equal(await page.getByRole('heading', { name: /red flags/ }).count(), 1, 'a doctor sees the red flags');
  await shot(page, 'today-doctor');
  // The first visit's patient opens on its timeline, with the consultation the demo imported.
  await rows.first().getByRole('link', { name: /Marcus Webb/ }).click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  assert.match(await page.locator('h1').textContent(), /Marcus Webb \(demo\)/);
  assert.equal(await page.locator('[data-part="consultations"] li').count(), 1);
  await shot(page, 'patient-timeline-doctor');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the front desk finds a patient as it types and registers a new one, without clinical parts', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await signIn(page, 'frontdesk');
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  assert.deepEqual(await navLinks(page), ['Today', 'Patients', 'Gallery']);
  assert.equal(await page.getByRole('heading', { name: /red flags/ }).count(), 0, 'no red flags for the front desk');
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByText('6 of 6 patients').waitFor();
  await page.getByLabel('Find a patient by name').pressSequentially('okaf');
  await page.getByText('1 of 1 patients').waitFor();
  assert.deepEqual(await page.locator('.results a').allTextContents(), ['Daniel Okafor (demo)']);
  await shot(page, 'patients-search');
  await page.getByLabel('Full name').fill('Ana Test Patient');
  await page.getByLabel('Date of birth').fill('1980-02-29');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page.getByRole('heading', { name: 'Ana Test Patient' }).waitFor();
  assert.match(await page.locator('main p.muted').first().textContent(), /^P-[0-9A-F]{10} · born Feb 29, 1980$/);
  // The front desk sees invoices, never consultations or photos.
  assert.deepEqual(await page.locator('.timeline h3').allTextContents(), ['Invoices']);
  await shot(page, 'patient-new-front-desk');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the admin sees the accounts and the clinic, and no patient', async () => {
  const { page, problems, context } = await watchedPage();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Clinic administration' }).waitFor();
  assert.deepEqual(await navLinks(page), ['Admin']);
  assert.deepEqual(await page.locator('tbody td:first-child').allTextContents(), ['admin', 'doctor', 'frontdesk', 'technician']);
  assert.deepEqual(await page.locator('dt').allTextContents(), ['Clinic', 'Address', 'Phone', 'After hours', 'E-mail']);
  assert.equal(await page.locator('dd').nth(3).textContent(), '+1 555 0199');
  await shot(page, 'admin');
  await page.goto(clinic.base + '/#/patients');
  await page.getByText('Your role cannot open this page.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

// Pixels of the scalp-map canvas, in a rectangle of CSS pixels, darker than the skin
// and lighter than the lines: the dots (drawn in the session palette, blended at their
// edges).
async function dotPixels(page, rect) {
  return page.evaluate(({ x, y, w, h }) => {
    const canvas = document.querySelectorAll('canvas.view')[1];
    const ratio = canvas.width / canvas.clientWidth;
    const data = canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio),
      Math.round(w * ratio), Math.round(h * ratio)).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const sum = data[i] + data[i + 1] + data[i + 2];  // skin 680, white 765, the line 87
      if (sum < 650 && sum > 200) ++n;
    }
    return n;
  }, rect);
}

// The doctor opens a demo patient's consultation (the one the demo imported for them)
// at one of its steps.
async function openConsultation(page, patient, step) {
  await signInAgain(page, 'doctor');
  await openPatient(page, patient);
  await page.locator('[data-part="consultations"] li a').first().click();
  await page.getByRole('navigation', { name: 'Steps of the consultation' }).waitFor();
  if (step) await page.getByRole('link', { name: step }).click();
  return page.url().match(/C-[0-9A-F]{10}/)[0];
}

const caseVersion = async (page, id) => (await apiGet(page, `/api/consultations/${id}`)).consultation.case_version;

// Marcus Webb (Norwood VI, 47), the first visit's patient, at the hairline step.
async function openHairlineEditor(page) {
  await openConsultation(page, 'Marcus Webb', /Hairline/);
  await page.getByText(/impressions in the plan/).waitFor();
}

test('the doctor drags the hairline 10 mm lower: the dots follow, the line is flagged and saved, a reload keeps it', async () => {
  const { page, problems, context } = await watchedPage();
  await openHairlineEditor(page);
  assert.match(await page.locator('h1').textContent(), /Consultation: Marcus Webb \(demo\)/);
  assert.match(await page.locator('.readout').textContent(), /Mid-frontal point 8\.0 cm above the glabella/);
  assert.match(await page.locator('.readout').textContent(), /At or above the usual 8\.0 cm for a 47-year-old/);
  await shot(page, 'hairline-editor');

  // Where the mid-frontal point is on the scalp map (its hairline view: 180 mm across,
  // centred 30 mm behind the point), from the API, independently of the page's drawing.
  const id = page.url().match(/C-[0-9A-F]{10}/)[0];
  const design = await page.evaluate(async (c) => (await fetch(`/api/consultations/${c}/live-design`)).json(), id);
  const [u, v] = design.hairline.points.mid_frontal;
  const map = await page.locator('canvas.view').nth(1).boundingBox();
  const pxPerMm = map.width / 180;
  const at = (uu, vv) => [map.x + map.width / 2 + uu * pxPerMm, map.y + map.height / 2 - (vv - (v - 30)) * pxPerMm];
  // A band the line moves into, 2 to 8 mm in front of it, left of the midline's ticks and
  // their labels.
  const [bx0, by0] = at(-30, v + 8), [bx1, by1] = at(-4, v + 2);
  const band = { x: bx0 - map.x, y: by0 - map.y, w: bx1 - bx0, h: by1 - by0 };
  const before = await dotPixels(page, band);

  const [x0, y0] = at(u, v), [x1, y1] = at(u, v + 10);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let k = 1; k <= 10; ++k) await page.mouse.move(x0 + (x1 - x0) * k / 10, y0 + (y1 - y0) * k / 10);
  await page.mouse.up();
  await page.getByText('Saved as case version 2.').waitFor();
  const after = await dotPixels(page, band);
  assert.ok(before <= 5 && after >= 40, `dot pixels in the band: ${before} before, ${after} after`);
  const readout = await page.locator('.readout').textContent();
  const cm = Number(readout.match(/Mid-frontal point ([0-9.]+) cm/)[1]);
  assert.ok(cm >= 6.7 && cm <= 7.2, `the line 10 mm lower on the chart is ${cm} cm above the glabella`);
  assert.match(readout, /Low for a 47-year-old/);
  await shot(page, 'hairline-editor-lowered');

  // The keyboard: the point chosen, two presses up on the map move it 2 mm to the face.
  await page.getByLabel('Point to move').selectOption('mid_frontal');
  await page.getByRole('img', { name: 'Scalp map, seen from above' }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.getByText('Saved as case version 3.').waitFor();

  // A reload loses nothing: the saved line comes back from the case.
  await page.reload();
  await page.getByText(/impressions in the plan/).waitFor();
  const reloaded = Number((await page.locator('.readout').textContent()).match(/Mid-frontal point ([0-9.]+) cm/)[1]);
  assert.ok(reloaded < cm - 0.1, `after the reload ${reloaded} cm, after the drag ${cm} cm`);
  const saved = await page.evaluate(async (c) => (await fetch(`/api/consultations/${c}`)).json(), id);
  assert.equal(saved.consultation.case_version, 3);
  assert.equal(saved.consultation.case.hairline.points[0].point, 'mid_frontal');
  assert.ok(Math.abs(saved.consultation.case.hairline.points[0].v_mm - (v + 12)) < 0.6);
  assert.deepEqual(problems, []);

  // The connection drops after a move: the screen says so, and saves once it is back.
  await context.setOffline(true);
  await page.getByRole('img', { name: 'Scalp map, seen from above' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByText(/Not saved yet/).waitFor();
  await context.setOffline(false);
  await page.getByText('Saved as case version 4.').waitFor({ timeout: 15000 });
  assert.ok(problems.every((p) => p.startsWith('failed:') || p.startsWith('console: Failed to load')), problems.join('\n'));
  await context.close();
});

test('the hairline editor fits a tablet, its close-up shows the dots one by one', async () => {
  const { page, problems, context } = await watchedPage({ width: 1024, height: 768 });
  await openHairlineEditor(page);
  const [front, map] = [await page.locator('canvas.view').nth(0).boundingBox(), await page.locator('canvas.view').nth(1).boundingBox()];
  assert.ok(front.x + front.width <= map.x && map.x + map.width <= 1024, `the two views side by side, inside the screen: ${JSON.stringify([front, map])}`);
  await page.getByLabel('Scalp map shows').selectOption('close');
  await shot(page, 'hairline-editor-tablet-close-up');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the doctor answers the questionnaire: the verdict follows each answer, a missing month is asked for, a reload keeps all', async () => {
  const { page, problems, context } = await watchedPage();
  // Daniel Okafor's case (Norwood III) came without a questionnaire.
  const id = await openConsultation(page, 'Daniel Okafor');
  assert.match(page.url(), /\/consultations\/C-[0-9A-F]{10}$/, 'a consultation opens at its first step');
  const verdict = page.locator('.verdict-card');
  await verdict.getByText('Tick at least one cause of the hair loss to see the verdict.').waitFor();
  assert.equal(await caseVersion(page, id), 1);

  await page.getByLabel('Pattern hair loss (androgenetic)').check();
  await verdict.getByText('A candidate for SMP').waitFor();
  assert.match(await verdict.textContent(), /buzz cut/, 'bald skin suggests a buzz cut');
  assert.equal(await caseVersion(page, id), 2);

  await page.getByLabel('Known allergy to tattoo ink or pigment').check();
  await verdict.getByText('Refer to a specialist first').waitFor();
  assert.match(await verdict.textContent(), /allergist/);
  assert.equal(await caseVersion(page, id), 3);
  await page.getByLabel('Known allergy to tattoo ink or pigment').uncheck();
  await verdict.getByText('A candidate for SMP').waitFor();

  // Alopecia areata needs the months since the last patch: asked for, nothing saved without it.
  await page.getByLabel('Alopecia areata').check();
  const months = page.getByLabel('Months since the last new patch');
  await page.getByText(/Give the months, a whole number from 0 to 1200/).waitFor();
  assert.equal(await months.getAttribute('aria-invalid'), 'true');
  assert.equal(await caseVersion(page, id), 4, 'the answer without its months is not saved');
  await months.fill('4');
  await months.press('Tab');
  await verdict.getByText('Not now').waitFor();
  assert.match(await verdict.textContent(), /Come back in 8 months\./, '12 months stable, 4 gone');
  assert.equal(await caseVersion(page, id), 5);
  await page.getByLabel('Takes anticoagulants or antiplatelet drugs').check();
  await verdict.getByText(/doctor who prescribes the blood thinner/).waitFor();
  assert.equal(await caseVersion(page, id), 6);
  await shot(page, 'consultation-candidacy');

  // A reload loses nothing: the answers and the verdict come back from the case.
  await page.reload();
  await verdict.getByText('Not now').waitFor();
  assert.ok(await page.getByLabel('Alopecia areata').isChecked());
  assert.equal(await page.getByLabel('Months since the last new patch').inputValue(), '4');
  assert.ok(await page.getByLabel('Takes anticoagulants or antiplatelet drugs').isChecked());
  assert.ok(!(await page.getByLabel('Known allergy to tattoo ink or pigment').isChecked()));
  const saved = await page.evaluate(async (c) => (await fetch(`/api/consultations/${c}`)).json(), id);
  assert.deepEqual(saved.consultation.case.candidacy,
    { causes: ['androgenetic', 'alopecia_areata'], areata_stable_months: 4, blood_thinners: true });
  assert.match(await page.locator('main > p.muted').textContent(), /case version 6, saved/);
  assert.deepEqual(problems, []);
  await context.close();
});

// Ink pixels of the signature pad: a stroke drawn with the mouse across it.
async function sign(page) {
  await page.getByRole('img', { name: /Signature pad/ }).scrollIntoViewIfNeeded();
  const pad = await page.getByRole('img', { name: /Signature pad/ }).boundingBox();
  await page.mouse.move(pad.x + 30, pad.y + pad.height * 0.7);
  await page.mouse.down();
  for (let k = 1; k <= 30; ++k)
    await page.mouse.move(pad.x + 30 + k * (pad.width - 60) / 30, pad.y + pad.height * (0.7 - 0.4 * Math.abs(Math.sin(k / 3))));
  await page.mouse.up();
}

test('the doctor plans the treatment, follows its progress, issues the quote, has the consent signed and makes the patient link', async () => {
  const { page, problems, context } = await watchedPage();
  const id = await openConsultation(page, 'Marcus Webb', /Plan, consent and report/);
  assert.match(page.url(), /\/consultations\/C-[0-9A-F]{10}\/plan$/);
  await page.getByText('Not planned yet.').waitFor();
  await page.getByRole('button', { name: 'Plan the treatment' }).click();
  const progress = page.locator('progress');
  await progress.waitFor();
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor({ timeout: 120000 });
  const version = await caseVersion(page, id);
  assert.match(await page.locator('.plan-results').evaluate((e) => e.parentElement.textContent),
    new RegExp(`Planned from case version ${version} on`));

  // The sessions as the plan has them.
  const { jobs } = await page.evaluate(async (c) => (await fetch(`/api/consultations/${c}/jobs`)).json(), id);
  const job = jobs[0];
  const plan = await page.evaluate(async (j) => (await fetch(`/api/jobs/${j}/files/plan.json`)).json(), job.id);
  const rows = page.locator('table.sessions tbody tr');
  assert.equal(await rows.count(), plan.schedule.visits.length);
  assert.ok(plan.schedule.visits.length >= 2);
  const impressions = await page.locator('table.sessions tbody td:nth-child(5)').allTextContents();
  assert.deepEqual(impressions.map((n) => Number(n.replace(/\D/g, ''))), plan.schedule.visits.map((v) => v.dots));
  for (const state of ['Before', `Healed, after session ${plan.sessions.length}`]) {
    const picture = page.getByRole('img', { name: `The model head from three-quarters: ${state}` });
    assert.ok(await picture.evaluate((img) => img.decode().then(() => img.naturalWidth >= 400)), `${state}: the picture loads`);
  }
  assert.deepEqual(await page.locator('.simulation figcaption').allTextContents(),
    ['Before · A simulation, not a promise.', `Healed, after session ${plan.sessions.length} · A simulation, not a promise.`]);

  // The documents download: the PDF is a PDF poppler reads, with the sessions in it.
  const pdfLink = page.getByRole('link', { name: 'Report, PDF' }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  const pdfPath = join(shots, 'downloaded-report.pdf');
  await download.saveAs(pdfPath);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  assert.match(text, /Your sessions/);
  assert.ok(text.includes(plan.schedule.visits[0].date), `the first session's date ${plan.schedule.visits[0].date} in the PDF`);
  assert.equal(await page.getByRole('link', { name: /^Session sheet \d, PDF$/ }).count(), plan.sessions.filter((s) => s.dots > 0).length);

  // The quote line by line, its total as quote.json has it, issued and accepted.
  const total = await page.locator('table.quote tfoot tr:last-child td').textContent();
  const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: plan.quote.currency.code })
    .format(plan.quote.total.minor / 10 ** plan.quote.currency.minor_digits);
  assert.equal(total, expected);
  assert.equal(await page.locator('table.quote tbody tr').count(), plan.quote.lines.length);
  await page.getByRole('button', { name: 'Issue the quote to the patient' }).click();
  await page.getByText(/^Quote Q-[0-9A-F]{10}, issued/).waitFor();
  await page.getByRole('button', { name: 'The patient accepts' }).click();
  await page.getByText('Accepted by the patient.').waitFor();

  // The consent: a name not the patient's is refused at the field; then signed.
  await page.getByLabel('The patient types their full name').fill('Someone Else');
  await sign(page);
  await page.getByRole('button', { name: 'Sign the consent' }).click();
  await page.getByText(/does not match the patient's name on record/).waitFor();
  await page.getByLabel('The patient types their full name').fill('Marcus Webb (demo)');
  await page.getByRole('button', { name: 'Sign the consent' }).click();
  await page.getByText(/^Signed by Marcus Webb \(demo\) on/).waitFor();
  const signature = page.getByRole('img', { name: 'The signature of Marcus Webb (demo)' });
  await signature.waitFor();
  assert.ok(await signature.evaluate((img) => img.decode().then(() => img.naturalWidth > 100)), 'the kept signature draws');

  // The patient's link: shown once, it opens the report without a login.
  await page.getByLabel('Valid for (days, 1 to 90)').fill('7');
  await page.getByRole('button', { name: 'Make the link' }).click();
  const address = await page.getByLabel(/The patient's link, valid until/).inputValue();
  assert.match(address, /^http:\/\/127\.0\.0\.1:\d+\/link\/L-[0-9A-F]{16}\./);
  await shot(page, 'consultation-plan');
  const stranger = await clinic.browser.newContext();
  const res = await stranger.request.get(address);
  assert.equal(res.status(), 200);
  await stranger.close();

  // A reload finds the plan again, with its quote decided and its consent signed.
  await page.reload();
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  await page.getByText('Accepted by the patient.').waitFor();
  await page.getByText(/^Signed by Marcus Webb/).waitFor();
  // The one refusal asked for above, and nothing else.
  assert.deepEqual(problems.filter((p) => !/^HTTP 400: .*\/consents$|status of 400/.test(p)), []);
  assert.equal(problems.length, 2, problems.join('\n'));
  await context.close();
});

test('the simulation steps through every state of the plan, from every view, with a before/after wipe', async () => {
  const { page, problems, context } = await watchedPage();
  const id = await openConsultation(page, 'Marcus Webb', 'Simulation');
  const slider = page.getByLabel('When');
  await page.locator('.sim-stage output').filter({ hasText: 'Healed, after the last session' }).waitFor();
  const { jobs } = await apiGet(page, `/api/consultations/${id}/jobs`);
  const plan = await apiGet(page, `/api/jobs/${jobs.find((j) => j.kind === 'plan' && j.state === 'done').id}/files/plan.json`);
  const tops = plan.simulation.images.filter((i) => i.kind === 'head_view' && i.view === 'top');
  assert.equal(Number(await slider.getAttribute('max')) + 1, tops.length, 'one stop per state of the view from above');
  assert.equal(tops.length, 2 * plan.sessions.length + 5, 'before, each session fresh and healed but the last, healed, years 1, 3, 5, 10');

  // The slider in time order: the first stop after "before" is session 1 fresh.
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.locator('.sim-stage output').filter({ hasText: 'Right after session 1' }).waitFor();
  const src = await page.locator('img.state').getAttribute('src');
  assert.match(src, /\/files\/renders\/top-session-1\.png$/);
  assert.ok(await page.locator('img.state').evaluate((img) => img.decode().then(() => img.naturalWidth >= 400)));
  await page.keyboard.press('End');
  await page.locator('.sim-stage output').filter({ hasText: '10 years after' }).waitFor();
  assert.match(await page.locator('.sim-stage figcaption').textContent(), /ΔE00 [0-9.]+ at 1\.5 m/);

  // The wipe: before over the left part of the picture, as far as the handle goes.
  await page.getByLabel('Before / after wipe').fill('30');
  const clip = await page.locator('.wipe-before').evaluate((e) => e.style.clipPath);
  assert.equal(clip, 'inset(0px 70% 0px 0px)');
  assert.equal(await page.locator('.sim-banner').textContent(), 'A simulation, not a promise.');
  await shot(page, 'consultation-simulation');

  // The close-up at 0.3 m has every state too; the front only before, healed and year 10.
  await page.getByLabel('Seen from').selectOption('closeup');
  await page.locator('img.state[src$="closeups/vertex-healed.png"]').waitFor();
  await page.getByLabel('Seen from').selectOption('front');
  await page.locator('img.state[src$="renders/front-healed.png"]').waitFor();
  assert.equal(await slider.getAttribute('max'), '2');
  await shot(page, 'consultation-simulation-front');
  const measured = await page.evaluate(() => performance.getEntriesByName('simulation-state').length);
  assert.ok(measured >= 4, `every change of state measured (${measured})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the doctor clicks a region on the map and chooses its goal: its dots follow at once, the goal and the density are saved', async () => {
  const { page, problems, context } = await watchedPage();
  // Helen Fischer (Ludwig II, density under thinning hair).
  const id = await openConsultation(page, 'Helen Fischer', 'Goals and density');
  const rows = page.locator('table.goals tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 9, 'the nine regions of the scalp');
  const design = await apiGet(page, `/api/consultations/${id}/live-design`);
  const mid = design.regions.find((r) => r.region === 'mid_scalp');
  assert.equal(mid.goal, 'density');
  assert.ok(mid.dots > 1000, `${mid.dots} impressions in the mid-scalp`);
  const version = await caseVersion(page, id);

  // The mid-scalp clicked at the middle of its outline (the map shows the whole scalp:
  // its bounding box on the chart, 6 mm round it).
  const map = await page.locator('canvas.goal-map').boundingBox();
  const us = design.hairline.edge.map((p) => p[0]), vs = design.hairline.edge.map((p) => p[1]);
  const [cu, cv] = [(Math.min(...us) + Math.max(...us)) / 2, (Math.min(...vs) + Math.max(...vs)) / 2];
  const half = Math.max(Math.max(...us) - Math.min(...us), Math.max(...vs) - Math.min(...vs)) / 2 + 6;
  const ring = mid.outline_mm.reduce((a, b) => (b.length > a.length ? b : a));
  const [u, v] = ring.reduce(([su, sv], [pu, pv]) => [su + pu / ring.length, sv + pv / ring.length], [0, 0]);
  const pxPerMm = map.width / (2 * half);
  await page.mouse.click(map.x + map.width / 2 + (u - cu) * pxPerMm, map.y + map.height / 2 - (v - cv) * pxPerMm);
  const select = page.getByLabel('Goal: Mid-scalp');
  assert.ok(await select.evaluate((e) => e === document.activeElement), 'the click chooses the region');
  assert.equal(await page.locator('table.goals tr.selected th').textContent(), 'Mid-scalp');
  await shot(page, 'consultation-goals');

  await select.selectOption('none');
  const row = page.locator('tr[data-region="mid_scalp"]');
  await row.locator('td:nth-child(6)').filter({ hasText: /^0$/ }).waitFor();
  assert.equal(await caseVersion(page, id), version + 1);
  const saved = await apiGet(page, `/api/consultations/${id}`);
  assert.equal(saved.consultation.case.goals.mid_scalp, 'none');
  const total = Number((await page.locator('.goals-step p.muted[aria-live]').textContent()).match(/^([\d,]+)/)[1].replace(/,/g, ''));
  assert.ok(Math.abs(total - (design.dots.count - mid.dots)) < 0.03 * mid.dots, `${total} impressions left`);

  // The density: out of range said at the field; in range saved and planned again.
  const density = page.getByLabel(/^Density under thinning hair/);
  await density.fill('300');
  await density.press('Tab');
  await page.getByText('A number from 10 to 140.').waitFor();
  await density.fill('50');
  await density.press('Tab');
  await page.waitForFunction(async (c) => (await (await fetch(`/api/consultations/${c}`)).json()).consultation.case.clinic?.density_work_per_cm2 === 50, id);
  await page.waitForFunction(() => document.getElementById('status').textContent === '');  // planned again
  await page.reload();
  await rows.first().waitFor();
  assert.equal(await page.getByLabel(/^Density under thinning hair/).inputValue(), '50');
  assert.equal(await page.getByLabel('Goal: Mid-scalp').inputValue(), 'none');
  await shot(page, 'consultation-goals-saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the doctor moves the plan\'s sessions on the calendar: a refused day said in words, an allowed one kept, all booked', async () => {
  const { page, problems, context } = await watchedPage();
  const id = await openConsultation(page, 'Marcus Webb', /Plan, consent and report/);
  await page.getByRole('heading', { name: 'Book the sessions' }).waitFor();
  const { jobs } = await apiGet(page, `/api/consultations/${id}/jobs`);
  const plan = await apiGet(page, `/api/jobs/${jobs.find((j) => j.kind === 'plan' && j.state === 'done').id}/files/plan.json`);
  const visits = plan.schedule.visits;
  assert.equal(await page.locator('.session-calendar .chip').count(), visits.length);
  const dayIso = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const weekday = (iso) => new Date(iso + 'T00:00:00Z').getUTCDay();
  const dragTo = async (session, iso) => {
    const chip = page.locator(`.session-calendar .chip[data-session="${session}"]:not([disabled])`);
    await chip.scrollIntoViewIfNeeded();
    const from = await chip.boundingBox(), to = await page.locator(`.day[data-date="${iso}"]`).boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
  };

  // Session 2 dropped on the Saturday after it: refused, and said why.
  const second = visits.find((v) => v.session === 2).date;
  let saturday = second;
  while (weekday(saturday) !== 6) saturday = dayIso(saturday, 1);
  await dragTo(2, saturday);
  await page.getByRole('alert').filter({ hasText: 'Session 2 cannot go on' }).waitFor();
  assert.match(await page.locator('.calendar-said li').first().textContent(), new RegExp(`${saturday} is a Saturday`));
  assert.equal(await page.locator(`.day[data-date="${second}"] .chip[data-session="2"]`).count(), 1, 'put back');

  // Session 3 a working day or two later: inside its gap, kept there.
  const third = visits.find((v) => v.session === 3).date;
  let later = dayIso(third, 1);
  while (weekday(later) === 0 || weekday(later) === 6) later = dayIso(later, 1);
  await dragTo(3, later);
  await page.locator('.calendar-said').getByText(/^Session 3 moved to/).waitFor();
  assert.equal(await page.locator(`.day[data-date="${later}"] .chip[data-session="3"]`).count(), 1);
  await shot(page, 'consultation-plan-calendar');

  // Booked with the technician and the room: one appointment per visit, session 3 on its new day.
  await page.getByRole('button', { name: /^Book the \d sessions$/ }).click();
  await page.getByText(`${visits.length} visits booked.`).waitFor();
  const from = new Date(Date.parse(visits[0].date + 'T00:00:00Z') - 86400000).toISOString();
  const to = new Date(Date.parse(visits[0].date + 'T00:00:00Z') + 60 * 86400000).toISOString();
  const { appointments } = await apiGet(page, `/api/appointments?from=${from}&to=${to}`);
  const mine = appointments.filter((a) => a.consultation_id === id && a.kind === 'session');
  assert.equal(mine.length, visits.length);
  const thirdBooked = mine.find((a) => a.session_number === 3);
  assert.equal(new Date(thirdBooked.starts_at).toLocaleDateString('en-CA'), later);
  assert.deepEqual(problems, []);
  await context.close();
});
