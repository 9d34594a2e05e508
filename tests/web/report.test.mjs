// report.html in headless Chromium: it loads with no console or page errors, every
// picture decodes, and every section is there. REPORT_HTML names the file (tests/
// CMakeLists.txt writes it first, with the Report gtest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const reportPath = process.env.REPORT_HTML;

test('report.html opens in Chromium without errors', async () => {
  assert.ok(reportPath, 'REPORT_HTML must name the report to open');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
    const outside = [];
    page.on('request', (req) => { if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) outside.push(req.url()); });
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });

    const images = await page.$$eval('img', (imgs) => imgs.map((i) => ({ alt: i.alt, complete: i.complete, width: i.naturalWidth })));
    assert.ok(images.length > 0, 'the report has pictures');
    for (const im of images) assert.ok(im.complete && im.width > 0, `picture "${im.alt}" did not load`);

    const headings = await page.$$eval('h1, h2', (hs) => hs.map((h) => h.textContent.trim()));
    for (const h of ['SMP treatment plan', 'Your goals', 'Before and after', 'Close-ups', 'The years after: slow fading',
                     'Your sessions', 'Your quote', 'Aftercare', 'Side effects and when to call', 'What SMP cannot do'])
      assert.ok(headings.includes(h), `heading "${h}" missing (have: ${headings.join(', ')})`);

    assert.deepEqual(outside, [], 'the page requested something outside itself');
    assert.deepEqual(errors, [], 'console or page errors');
  } finally {
    await browser.close();
  }
});
