// The simulation slider's speed in headless Chromium (a benchmark, not a test): a demo
// clinic on a loopback port, the doctor plans the Norwood VI consultation (Marcus Webb)
// once, opens its simulation step and moves the slider STEPS times (default 100) through
// the states of the view from above and of the close-up, one arrow key at a time. Prints
// the first load of the step (its address to the first picture shown) and, from a slider
// move to the new state's picture decoded on screen (the page's "simulation-state"
// performance measures), the median and p95.
// Usage: node bench/browser/simulation-slider.mjs [build/release/apps/smp/smp] [STEPS]
import { doctorAtDemoClinic, quantile } from './demo_clinic.mjs';

const smp = process.argv[2] ?? 'build/release/apps/smp/smp';
const steps = Number(process.argv[3] ?? 100);
const { page, consultation, close } = await doctorAtDemoClinic(smp);
try {
  // The plan job, run through the API as the web app runs it.
  const id = consultation.match(/C-[0-9A-F]{10}/)[0];
  const planned = await page.evaluate(async (c) => {
    const { csrf_token } = await (await fetch('/api/me')).json();
    const started = performance.now();
    const post = await fetch(`/api/consultations/${c}/jobs`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf_token },
      body: JSON.stringify({ kind: 'plan' }) });
    const { job } = await post.json();
    for (;;) {
      const { job: j } = await (await fetch(`/api/jobs/${job.id}`)).json();
      if (j.state === 'done') return performance.now() - started;
      if (j.state === 'failed' || j.state === 'cancelled') throw new Error(`the plan job ${j.state}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, id);

  const started = Date.now();
  await page.evaluate((href) => { location.hash = href; }, `${consultation}/simulation`);
  await page.waitForFunction(() => performance.getEntriesByName('simulation-state').length > 0);
  const firstLoadMs = Date.now() - started;

  const count = () => page.evaluate(() => performance.getEntriesByName('simulation-state').length);
  const slider = page.getByLabel('When');
  let direction = 'ArrowLeft';
  for (let s = 0; s < steps; ++s) {
    if (s === steps / 2) {  // half of the moves on the close-up at 0.3 m
      const seen = await count();
      await page.getByLabel('Seen from').selectOption('closeup');
      await page.waitForFunction((n) => performance.getEntriesByName('simulation-state').length > n, seen);
    }
    const value = Number(await slider.inputValue()), max = Number(await slider.getAttribute('max'));
    if (value === 0) direction = 'ArrowRight';
    if (value === max) direction = 'ArrowLeft';
    const seen = await count();
    await slider.press(direction);
    await page.waitForFunction((n) => performance.getEntriesByName('simulation-state').length > n, seen);
  }
  const ms = (await page.evaluate(() => performance.getEntriesByName('simulation-state').map((e) => e.duration)))
    .slice(1).sort((a, b) => a - b);
  console.log(`plan job: ${(planned / 1000).toFixed(1)} s; first load of the simulation step: ${firstLoadMs} ms`);
  console.log(`slider move to the state's picture on screen over ${ms.length} moves: median ${quantile(ms, 0.5).toFixed(1)} ms, ` +
              `p95 ${quantile(ms, 0.95).toFixed(1)} ms, max ${ms.at(-1).toFixed(1)} ms`);
} finally {
  await close();
}
