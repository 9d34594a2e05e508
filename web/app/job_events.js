// A job's progress as the server streams it (GET /api/jobs/{id}/events: "progress" with the
// job's JSON on every change, then "end"), and its stage in words; shared by the plan step
// and Today's "Running now".
import { t } from './strings.js';

// Follows a job to its end: fraction and stage on every change, the job's last state. An
// aborted signal (a screen left) stops following; the promise then never settles.
export function follow(job, onProgress, signal) {
  return new Promise((resolve) => {
    const events = new EventSource(`/api/jobs/${job.id}/events`);
    let last = job;
    events.addEventListener('progress', (ev) => { last = JSON.parse(ev.data); onProgress(last); });
    // The server closes the stream right after "end"; closing it here at "end" would abort
    // a response still finishing, so it is closed when it ends (before EventSource retries).
    let ended = false;
    events.addEventListener('end', () => { ended = true; resolve(last); });
    events.addEventListener('error', () => { if (ended) events.close(); });
    signal?.addEventListener('abort', () => events.close());
    // A dropped stream reconnects by itself (EventSource); the job runs on regardless.
  });
}

export function stageText(job) {
  // A plan reports its render part's "done" while it still writes the plan and reports.
  const stage = job.stage === 'done' && job.state !== 'done' ? 'finishing' : job.stage;
  const key = 'stage_' + stage.replace(/[^a-z]+/g, '_');
  const words = t(key);
  return t('job_progress', { stage: words === key ? stage : words, pct: Math.round(job.fraction * 100) });
}
