// The hairline editor's speed in headless Chromium (a benchmark, not a test): a demo
// clinic on a loopback port, the doctor opens the Norwood VI consultation (Marcus Webb)
// and drags the mid-frontal point DRAGS times (default 100), each drag five 1 mm pointer
// moves down the forehead and back. Prints the first load of the consultation (click to
// the drawn design), and from a pointer move to the repainted dots (the page's
// "hairline-edit" performance measures) the median and p95, with the server's re-planning
// time. Usage: node bench/browser/hairline-drag.mjs [build/release/apps/smp/smp] [DRAGS]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const smp = process.argv[2] ?? 'build/release/apps/smp/smp';
const drags = Number(process.argv[3] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'smp-bench-'));
const server = spawn(smp, ['serve', '--demo', '--data', dir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const { base, password } = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const url = out.match(/listening on (http:\/\/\S+)/), pw = out.match(/^ {2}doctor\s+\S+\s+([0-9a-f]{24})$/m);
    if (url && pw) resolve({ base: url[1], password: pw[1] });
  });
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base + '/');
  await page.getByLabel('Name').fill('doctor');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('One-time password').fill(password);
  await page.getByLabel('New password', { exact: true }).fill('bench-own-password');
  await page.getByLabel('New password again').fill('bench-own-password');
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { name: /^Today/ }).waitFor();
  await page.locator('table.day tbody tr').first().getByRole('link').click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const started = Date.now();
  await page.locator('[data-part="consultations"] li a').first().click();
  await page.getByText(/impressions in the plan/).waitFor();
  const firstLoadMs = Date.now() - started;

  const id = page.url().match(/C-[0-9A-F]{10}/)[0];
  const design = await page.evaluate(async (c) => (await fetch(`/api/consultations/${c}/live-design`)).json(), id);
  const [u, v] = design.hairline.points.mid_frontal;
  const map = await page.locator('canvas.view').nth(1).boundingBox();
  const pxPerMm = map.width / 180;  // the map's hairline view: 180 mm across, centred 30 mm behind the point
  const at = (vv) => [map.x + map.width / 2 + u * pxPerMm, map.y + map.height / 2 - (vv - (v - 30)) * pxPerMm];
  const measures = () => page.evaluate(() => performance.getEntriesByName('hairline-edit').length);
  const edits = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/live-design/edits') && r.ok()) edits.push((await r.json()).replan_ms);
  });
  let offset = 0;
  for (let d = 0; d < drags; ++d) {
    await page.mouse.move(...at(v + offset));
    await page.mouse.down();
    for (const step of [1, 2, 3, 2, 1]) {
      const seen = await measures();
      await page.mouse.move(...at(v + offset + step));
      // The next move comes once this one's dots are on screen (a finger at 1 mm per answer).
      await page.waitForFunction((n) => performance.getEntriesByName('hairline-edit').length > n, seen);
    }
    const seen = await measures();
    await page.mouse.up();
    await page.waitForFunction((n) => performance.getEntriesByName('hairline-edit').length > n, seen);
    offset = offset === 0 ? 1 : 0;
  }
  const ms = (await page.evaluate(() => performance.getEntriesByName('hairline-edit').map((e) => e.duration)))
    .sort((a, b) => a - b);
  const pick = (list, q) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
  const replans = edits.sort((a, b) => a - b);
  console.log(`first load of the consultation: ${firstLoadMs} ms (${design.dots.count} dots)`);
  console.log(`pointer move to repainted dots over ${ms.length} edits in ${drags} drags: ` +
              `median ${pick(ms, 0.5).toFixed(1)} ms, p95 ${pick(ms, 0.95).toFixed(1)} ms, max ${ms.at(-1).toFixed(1)} ms`);
  console.log(`of which the server's re-planning: median ${pick(replans, 0.5)} ms, p95 ${pick(replans, 0.95)} ms`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
