// What every browser test of the clinic web app stands on: a real `smp serve --demo` on
// a fresh SQLite folder (SMP_CLI names the program), the one-time passwords it prints,
// headless Debian chromium, pages that record what must never happen, axe-core, and
// screenshots to SCREENSHOT_DIR. Each test file starts its own server (startClinic in
// its before hook), so files run independently.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
export const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'smp-shots-'));
mkdirSync(shots, { recursive: true });

// The running clinic: base (its address), browser, passwords (the one-time ones by name).
export const clinic = { server: null, base: '', browser: null, dataDir: '', passwords: {} };

export async function startClinic() {
  assert.ok(process.env.SMP_CLI, 'SMP_CLI must name the smp program');
  clinic.dataDir = mkdtempSync(join(tmpdir(), 'smp-web-'));
  clinic.server = spawn(process.env.SMP_CLI, ['serve', '--demo', '--data', clinic.dataDir, '--listen', '127.0.0.1:0'],
                        { stdio: ['ignore', 'pipe', 'inherit'] });
  clinic.base = await new Promise((resolve, reject) => {
    let out = '';
    clinic.server.stdout.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^ {2}(\S+)\s+\S+\s+([0-9a-f]{24})$/gm)) clinic.passwords[m[1]] = m[2];
      const url = out.match(/listening on (http:\/\/\S+)/);
      if (url) resolve(url[1]);
    });
    clinic.server.on('exit', (code) => reject(new Error(`smp serve exited with ${code}`)));
  });
  clinic.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}

export async function stopClinic() {
  await clinic.browser?.close();
  clinic.server?.kill('SIGTERM');
  if (clinic.dataDir) rmSync(clinic.dataDir, { recursive: true, force: true });
}

// A page that records what must never happen.
export async function watchedPage(viewport = { width: 1280, height: 800 }) {
  const context = await clinic.browser.newContext({ viewport, bypassCSP: false });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(clinic.base)) problems.push(`other origin: ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, problems, context };
}

// axe-core's serious and critical violations (run as the test's own script, not the page's).
async function accessibility(page) {
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// A screenshot of the whole page to look at, and no serious accessibility fault on it.
export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  assert.deepEqual(await accessibility(page), [], `${name}: axe-core violations`);
}

// The first sign-in of an account: its one-time password replaced by `${name}-own-password`.
export async function signIn(page, name) {
  await page.goto(clinic.base + '/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(clinic.passwords[name]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
  await page.getByLabel('One-time password').fill(clinic.passwords[name]);
  await page.getByLabel('New password', { exact: true }).fill(`${name}-own-password`);
  await page.getByLabel('New password again').fill(`${name}-own-password`);
  await page.getByRole('button', { name: 'Save password' }).click();
}

// A later sign-in, with the password chosen at the first (signIn in an earlier test).
export async function signInAgain(page, name) {
  await page.goto(clinic.base + '/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(`${name}-own-password`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').first().waitFor();
  await page.locator('main h1').first().waitFor();
}

// GET an API path as the page's signed-in user.
export const apiGet = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

// POST as the page's signed-in user, with the session's CSRF token.
export const apiPost = (page, path, body) => page.evaluate(async ({ p, b }) => {
  const { csrf_token: token } = await (await fetch('/api/me')).json();
  const r = await fetch(p, { method: 'POST', headers: { 'X-CSRF-Token': token, 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
  return { status: r.status, json: await r.json() };
}, { p: path, b: body });

// A patient's timeline, found by name from the Patients screen.
export async function openPatient(page, name) {
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByLabel('Find a patient by name').fill(name);
  await page.locator('.results a').filter({ hasText: name }).click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
}

// The links of the app's navigation bar (the role's screens).
export const navLinks = (page) => page.locator('#nav a').allTextContents();

// A file of the repository (examples/…) by its path from the top: ctest runs the journeys
// from the build folder.
export const repoFile = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
