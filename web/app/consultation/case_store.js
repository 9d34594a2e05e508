// The consultation's case as the server has it, every change saved as a new version.
// One save at a time; each change is a function applied to the newest case, so what
// another step, tab or colleague saved meanwhile is kept, not overwritten: a conflict
// (409) loads the newest case and applies the change again. A dropped connection is
// tried again every 3 s until the server answers; nothing typed is lost.
import { api, ApiError } from '../api.js';

const kRetryMs = 3000;
const kConflictRetries = 3;  // a colleague saving as fast as we do is not a loop

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// onState({state: 'saving'|'saved'|'retrying'|'refused', version, saved_at, error})
export function caseStore(consultation, onState) {
  const path = `/api/consultations/${consultation.id}`;
  let current = consultation;
  let stale = false;  // saved elsewhere (the live design's drag): load before the next change
  let chain = Promise.resolve();
  const tell = (state, error) => onState?.({ state, version: current.case_version, saved_at: current.saved_at, error });

  async function reload() {
    current = (await api.get(path)).consultation;
    stale = false;
  }

  async function attempt(change) {
    tell('saving');
    for (let conflicts = 0; ;) {
      try {
        if (stale) await reload();
        const next = change(structuredClone(current.case));
        current = (await api.put(`${path}/case`, { version: current.case_version, case: next })).consultation;
        tell('saved');
        return current;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'offline') { tell('retrying'); await sleep(kRetryMs); continue; }
        if (e instanceof ApiError && e.status === 409 && ++conflicts <= kConflictRetries) { stale = true; continue; }
        tell('refused', e);
        throw e;
      }
    }
  }

  return {
    consultationId: consultation.id,
    get case() { return current.case; },
    get version() { return current.case_version; },
    // change(case) -> the case to save; resolves to the saved consultation.
    save(change) {
      const done = chain.then(() => attempt(change));
      chain = done.catch(() => {});
      return done;
    },
    // A version the server saved by another route (a hairline drop on the live design).
    savedElsewhere(version) {
      stale = true;
      current = { ...current, case_version: version, saved_at: new Date().toISOString() };
      tell('saved');
    },
  };
}
