// What the browser benchmarks stand on: a demo clinic (`smp serve --demo`) on a loopback
// port, headless Chromium, and the doctor signed in (the one-time password replaced).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function doctorAtDemoClinic(smp) {
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
  // The first visit's patient, Marcus Webb (Norwood VI), and his consultation's address.
  await page.locator('table.day tbody tr').first().getByRole('link', { name: /Marcus Webb/ }).click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const consultation = await page.locator('[data-part="consultations"] li a').first().getAttribute('href');
  return {
    page, base, consultation,
    async close() {
      await browser.close();
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
