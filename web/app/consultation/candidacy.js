// The history and candidacy step: the questionnaire of docs/candidacy.md as a form, saved
// as the case's [candidacy] table on every answer, and the server's verdict beside it
// (GET .../candidacy) with its reasons, cautions and when to come back, asked again after
// each saved answer. The form holds no rule of its own: the verdict is the server's.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may, reportError } from '../main.js';

const kCauses = ['androgenetic', 'female_thinning', 'alopecia_areata', 'chemotherapy',
                 'transplant_scars', 'trauma_scars', 'burn_scars'];
const kHealth = ['active_scalp_condition', 'keloid_tendency', 'pigment_allergy', 'blood_thinners',
                 'pregnant_or_breastfeeding'];
const kExpectations = ['buzz_cut', 'density', 'scar_cover', 'long_hair'];
const kMaxMonths = 1200;  // the questionnaire's range (docs/candidacy.md)

const checkbox = (id, label, checked) => {
  const input = h('input', { id, type: 'checkbox', checked });
  return { input, element: h('p.check', {}, input, h('label', { for: id, text: label })) };
};

// A whole number of months, shown only while the answer it belongs to is ticked.
function monthsField(key, value) {
  const id = `candidacy-${key}`;
  const error = h('p.error', { id: `${id}-error`, 'aria-live': 'polite' });
  const input = h('input', { id, type: 'number', min: 0, max: kMaxMonths, step: 1, inputmode: 'numeric',
                             value: value ?? '', 'aria-describedby': error.id });
  const element = h('p.field.months', {}, h('label', { for: id, text: t('months_' + key) }), input, error);
  return {
    key, input, error, element,
    months: () => (/^\d+$/.test(input.value) && Number(input.value) <= kMaxMonths ? Number(input.value) : null),
  };
}

export async function candidacyStep(root, { store }) {
  const q = store.case.candidacy ?? {};
  const causes = Object.fromEntries(kCauses.map((c) =>
    [c, checkbox(`cause-${c}`, t('cause_' + c), q.causes?.includes(c))]));
  const health = Object.fromEntries(kHealth.map((k) => [k, checkbox(`health-${k}`, t('health_' + k), q[k])]));
  const hopes = Object.fromEntries(kExpectations.map((e) =>
    [e, checkbox(`hope-${e}`, t('hope_' + e), q.expectations?.includes(e))]));
  const areata = monthsField('areata_stable_months', q.areata_stable_months);
  const chemoOngoing = checkbox('candidacy-chemotherapy_ongoing', t('chemotherapy_ongoing'), q.chemotherapy_ongoing);
  const chemoFinished = monthsField('chemotherapy_finished_months', q.chemotherapy_finished_months);
  const hadTransplant = checkbox('had-transplant', t('had_transplant'), q.transplant_months !== undefined);
  const transplant = monthsField('transplant_months', q.transplant_months);
  const planned = checkbox('candidacy-transplant_planned', t('transplant_planned'), q.transplant_planned);
  const causesError = h('p.error', { id: 'causes-error', 'aria-live': 'polite' });
  const verdict = h('div', { 'aria-live': 'polite' });

  // Which follow-up questions apply to the answers given.
  const asked = () => [
    causes.alopecia_areata.input.checked && areata,
    causes.chemotherapy.input.checked && !chemoOngoing.input.checked && chemoFinished,
    hadTransplant.input.checked && transplant].filter(Boolean);
  function arrange() {
    areata.element.hidden = !causes.alopecia_areata.input.checked;
    chemoOngoing.element.hidden = !causes.chemotherapy.input.checked;
    chemoFinished.element.hidden = !causes.chemotherapy.input.checked || chemoOngoing.input.checked;
    transplant.element.hidden = !hadTransplant.input.checked;
  }

  // The [candidacy] table the form says, or none while no cause is ticked (the server
  // needs at least one).
  function questionnaire() {
    const table = { causes: kCauses.filter((c) => causes[c].input.checked) };
    if (!table.causes.length) return undefined;
    for (const f of asked()) table[f.key] = f.months();
    if (causes.chemotherapy.input.checked && chemoOngoing.input.checked) table.chemotherapy_ongoing = true;
    if (planned.input.checked) table.transplant_planned = true;
    for (const k of kHealth) if (health[k].input.checked) table[k] = true;
    const expectations = kExpectations.filter((e) => hopes[e].input.checked);
    if (expectations.length) table.expectations = expectations;
    return table;
  }

  function clearErrors() {
    for (const e of [causesError, areata.error, chemoFinished.error, transplant.error]) e.textContent = '';
    for (const f of [areata, chemoFinished, transplant]) f.input.removeAttribute('aria-invalid');
  }
  // A refusal of the server's shown at the answer it names (case.candidacy.<key>).
  function showRefusal(e) {
    const key = e.field?.replace(/^case\.candidacy\.?/, '').replace(/\[\d+\]$/, '');
    const f = [areata, chemoFinished, transplant].find((m) => m.key === key);
    if (f) { f.error.textContent = e.message; f.input.setAttribute('aria-invalid', 'true'); }
    else if (e.field?.startsWith('case.candidacy')) causesError.textContent = e.message;
    else reportError(e);
  }

  async function drawVerdict() {
    if (!store.case.candidacy) return show(verdict, h('p.muted', { text: t('verdict_needs_cause') }));
    const { candidacy: r } = await api.get(`/api/consultations/${store.consultationId}/candidacy`);
    const list = (title, items) => items.length
      ? [h('h3', { text: title }), h('ul', {}, items.map((x) => h('li', { text: x })))] : [];
    show(verdict,
      h(`p.verdict.verdict-${r.verdict}`, { text: t('verdict_' + r.verdict) }),
      list(t('verdict_reasons'), r.reasons),
      list(t('verdict_cautions'), r.cautions),
      r.come_back_after_months !== null ? h('p', { text: t('come_back_after', { n: r.come_back_after_months }) }) : null,
      r.suggested_goals.length
        ? h('p', { text: t('suggested_goals', { goals: r.suggested_goals.map((g) => t('goal_' + g)).join(', ') }) }) : null);
  }

  async function answered() {
    arrange();
    clearErrors();
    const missing = asked().filter((f) => f.months() === null);
    for (const f of missing) {
      f.error.textContent = t('months_needed', { max: kMaxMonths });
      f.input.setAttribute('aria-invalid', 'true');
    }
    if (missing.length) return;  // saved once the months are given: the server needs them
    const table = questionnaire();
    try {
      await store.save((c) => {
        const { candidacy, ...rest } = c;
        return table ? { ...rest, candidacy: table } : rest;
      });
      await drawVerdict();
    } catch (e) {
      showRefusal(e);
    }
  }

  const group = (id, legend, ...children) =>
    h('fieldset', { id, disabled: !may('edit_clinical_record') }, h('legend', { text: legend }), ...children);
  const form = h('form.card.questionnaire', { 'aria-labelledby': 'candidacy-title', onsubmit: (ev) => ev.preventDefault() },
    h('h2', { id: 'candidacy-title', text: t('candidacy_title') }),
    group('causes', t('causes_legend'),
      causes.androgenetic.element, causes.female_thinning.element,
      causes.alopecia_areata.element, areata.element,
      causes.chemotherapy.element, h('div.follow-up', {}, chemoOngoing.element, chemoFinished.element),
      causes.transplant_scars.element, causes.trauma_scars.element, causes.burn_scars.element, causesError),
    group('transplant', t('transplant_legend'), hadTransplant.element, transplant.element, planned.element),
    group('health', t('health_legend'), kHealth.map((k) => health[k].element)),
    group('hopes', t('hopes_legend'), kExpectations.map((e) => hopes[e].element)));
  form.addEventListener('change', answered);
  arrange();
  show(root, h('div.columns', {}, form,
    h('section.card.verdict-card', { 'aria-labelledby': 'verdict-title' },
      h('h2', { id: 'verdict-title', text: t('verdict_title') }), verdict)));
  await drawVerdict();
}
