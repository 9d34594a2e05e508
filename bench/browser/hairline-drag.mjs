// The hairline editor's speed in headless Chromium (a benchmark, not a test): a demo
// clinic on a loopback port, the doctor opens the Norwood VI consultation (Marcus Webb)
// and drags the mid-frontal point DRAGS times (default 100), each drag five 1 mm pointer
// moves down the forehead and back. Prints the first load of the hairline step (its
// address to the drawn design), and from a pointer move to the repainted dots (the page's
// "hairline-edit" performance measures) the median and p95, with the server's re-planning
// time. Usage: node bench/browser/hairline-drag.mjs [build/release/apps/smp/smp] [DRAGS]
import { doctorAtDemoClinic, quantile as pick } from './demo_clinic.mjs';

const smp = process.argv[2] ?? 'build/release/apps/smp/smp';
const drags = Number(process.argv[3] ?? 100);
const { page, consultation, close } = await doctorAtDemoClinic(smp);
try {
  // The first load: from the address of the consultation's hairline step to the drawn design.
  const started = Date.now();
  await page.evaluate((href) => { location.hash = href; }, `${consultation}/hairline`);
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
  const replans = edits.sort((a, b) => a - b);
  console.log(`first load of the hairline step: ${firstLoadMs} ms (${design.dots.count} dots)`);
  console.log(`pointer move to repainted dots over ${ms.length} edits in ${drags} drags: ` +
              `median ${pick(ms, 0.5).toFixed(1)} ms, p95 ${pick(ms, 0.95).toFixed(1)} ms, max ${ms.at(-1).toFixed(1)} ms`);
  console.log(`of which the server's re-planning: median ${pick(replans, 0.5)} ms, p95 ${pick(replans, 0.95)} ms`);
} finally {
  await close();
}
