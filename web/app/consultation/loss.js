// The hair-loss step: the pattern and its stage (Norwood, Ludwig), severity (Olsen), share
// lost (diffuse) or bald patches (alopecia areata: placed by a click on the scalp map or by
// their numbers), saved in the case's [hair_loss] on every change and the design planned
// again from it on the map beside, so the treated area and impressions are seen to change.
// The hair coverage measured on the photos is shown for reference.
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may, reportError, status } from '../main.js';
import { lossMap } from './loss_map.js';
import { photoMeasures, analysisFileUrl } from './photo_analysis.js';

const kPatterns = ['norwood', 'ludwig', 'olsen', 'diffuse', 'areata', 'none'];
// The stages and amounts of docs/case-file.md "[hair_loss]"; the server checks them.
const kStages = {
  norwood: ['I', 'II', 'IIa', 'III', 'IIIa', 'III vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII'],
  ludwig: ['I', 'II', 'III'],
};
const kAmounts = {
  olsen: { key: 'severity', min: 0.05, max: 1, fallback: 0.6 },
  diffuse: { key: 'loss', min: 0.05, max: 1, fallback: 0.5 },
};
const kPatch = { min: 3, max: 150, fallback: 30 };
// The random patches of an areata case, kept while it stays areata.
const kRandomPatchKeys = ['count', 'min_diameter_mm', 'max_diameter_mm'];

const stageKey = (pattern, stage) => `${pattern}_${stage.replace(' ', '_')}`;
const patchesOf = (loss) => (loss.pattern === 'areata' ? loss.patches ?? [] : [])
  .map((p) => ({ u_mm: p.u_mm ?? 0, v_mm: p.v_mm ?? 0, diameter_mm: p.diameter_mm ?? kPatch.fallback }));
const halfMm = (x) => Math.round(x * 2) / 2;

function numberField(id, label, attrs) {
  const error = h('p.error', { id: `${id}-error`, 'aria-live': 'polite' });
  const input = h('input', { id, type: 'number', inputmode: 'decimal', 'aria-describedby': error.id, ...attrs });
  return { input, error, element: h('p.field', {}, h('label', { for: id, text: label }), input, error) };
}

export async function lossStep(root, { id, store }) {
  const editable = may('edit_clinical_record');
  const lossOf = () => store.case.hair_loss ?? { pattern: 'none' };
  const errors = { pattern: h('p.error', { id: 'loss-pattern-error', 'aria-live': 'polite' }),
                   stage: h('p.error', { id: 'loss-stage-error', 'aria-live': 'polite' }),
                   patches: h('p.error', { id: 'loss-patches-error', 'aria-live': 'polite' }) };
  const pattern = h('select', { id: 'loss-pattern', 'aria-describedby': errors.pattern.id },
    kPatterns.map((p) => h('option', { value: p, text: t('pattern_' + p) })));
  const stage = h('select', { id: 'loss-stage', 'aria-describedby': `loss-stage-help ${errors.stage.id}` });
  const stageHelp = h('p.muted', { id: 'loss-stage-help', 'aria-live': 'polite' });
  const stageField = h('div', {}, h('p.field', {}, h('label', { for: stage.id, text: t('loss_stage') }), stage), stageHelp, errors.stage);
  const amount = numberField('loss-amount', '', { min: 0.05, max: 1, step: 0.05 });
  const diameter = numberField('patch-diameter', t('patch_diameter', kPatch), { min: kPatch.min, max: kPatch.max, step: 1, value: kPatch.fallback });
  const patchU = numberField('patch-u', t('patch_u'), { min: -250, max: 250, step: 0.5, value: 0 });
  const patchV = numberField('patch-v', t('patch_v'), { min: -250, max: 250, step: 0.5, value: 0 });
  const patchList = h('ul.patches');
  const patchesNote = h('p.muted', { 'aria-live': 'polite' });
  const patchesSet = h('fieldset.patches-set', {}, h('legend', { text: t('patches_legend') }),
    h('p.muted', { text: t(editable ? 'patches_help' : 'patches_help_read_only') }),
    editable ? diameter.element : null, patchList, patchesNote,
    editable ? h('div.patch-add', {}, patchU.element, patchV.element,
      h('button.secondary', { type: 'button', onclick: () => addPatch(Number(patchU.input.value), Number(patchV.input.value)),
                              text: t('add_patch') })) : null,
    errors.patches);
  const map = lossMap(id, (u, v) => {
    const patches = patchesOf(lossOf());
    const hit = patches.findIndex((p) => Math.hypot(p.u_mm - u, p.v_mm - v) <= p.diameter_mm / 2);
    if (hit >= 0) removePatch(hit); else addPatch(u, v);
  });
  const coverage = h('div');

  // The form from the saved case; a pattern chosen but not yet saved keeps its controls.
  function arrange(chosen = lossOf().pattern) {
    const loss = lossOf();
    const saved = loss.pattern === chosen;
    pattern.value = chosen;
    stageField.hidden = !kStages[chosen];
    if (kStages[chosen]) {
      show(stage, saved ? null : h('option', { value: '', text: t('loss_choose_stage'), selected: true, disabled: true }),
        kStages[chosen].map((s) => h('option', { value: s, text: t('loss_stage_option', { stage: s }), selected: saved && s === loss.stage })));
      stageHelp.textContent = saved ? t(stageKey(chosen, loss.stage)) : t('loss_stage_needed');
    }
    const a = kAmounts[chosen];
    amount.element.hidden = !a;
    if (a) {
      amount.element.querySelector('label').textContent = t('loss_amount_' + chosen, a);
      amount.input.value = saved ? loss[a.key] ?? a.fallback : a.fallback;
    }
    patchesSet.hidden = chosen !== 'areata';
    const patches = patchesOf(loss);
    show(patchList, patches.map((p, i) => h('li', {},
      h('span', { text: t('patch_item', { u: p.u_mm, v: p.v_mm, d: p.diameter_mm }) }), ' ',
      editable ? h('button.link', { type: 'button', onclick: () => removePatch(i), text: t('remove_patch'),
                                   'aria-label': t('remove_patch_label', { u: p.u_mm, v: p.v_mm }) }) : null)));
    patchesNote.textContent = chosen === 'areata' && !saved ? t('patches_needed')
      : loss.count ? t('patches_random', { n: loss.count }) : '';
    map.setPatches(patches, editable && chosen === 'areata');
  }

  function clearErrors() {
    for (const e of [...Object.values(errors), amount.error, diameter.error]) e.textContent = '';
  }
  // A refusal of the server's at the control it names (case.hair_loss.KEY...).
  function showRefusal(e) {
    const key = e.field?.match(/^case\.hair_loss\.(\w+)/)?.[1];
    const at = key === 'stage' ? errors.stage : key === 'pattern' ? errors.pattern
      : ['severity', 'loss'].includes(key) ? amount.error
        : ['patches', ...kRandomPatchKeys].includes(key) ? errors.patches : null;
    if (at) at.textContent = e.message; else reportError(e);
  }

  // change(case) -> the [hair_loss] table to save; the design planned again and drawn.
  async function save(change) {
    clearErrors();
    status(t('replanning'));
    try {
      await store.save((c) => ({ ...c, hair_loss: change(c) }));
      await map.load(true);
      status('');
      // The pattern chosen now: another may have been picked while this one was planned.
      arrange(pattern.value);
    } catch (e) {
      status('');
      showRefusal(e);
    }
  }
  // The pattern's own keys on the hair length the case has: a key of another pattern is an error.
  const tableFor = (c, p, own) => {
    const length = c.hair_loss?.hair_length_mm;
    return { pattern: p, ...(length !== undefined ? { hair_length_mm: length } : {}), ...own };
  };

  function addPatch(u, v) {
    const d = Number(diameter.input.value);
    if (!(d >= kPatch.min && d <= kPatch.max)) { diameter.error.textContent = t('out_of_range', kPatch); return; }
    const patch = { u_mm: halfMm(u), v_mm: halfMm(v), diameter_mm: d };
    save((c) => (c.hair_loss?.pattern === 'areata'
      ? { ...c.hair_loss, patches: [...(c.hair_loss.patches ?? []), patch] }
      : tableFor(c, 'areata', { patches: [patch] })));
  }
  function removePatch(index) {
    save((c) => ({ ...c.hair_loss, patches: (c.hair_loss.patches ?? []).filter((_, i) => i !== index) }));
  }

  pattern.addEventListener('change', () => {
    clearErrors();
    const p = pattern.value;
    arrange(p);
    // A stage or a patch is needed before the pattern can be saved; the others have defaults.
    if (!kStages[p] && p !== 'areata') save((c) => tableFor(c, p, {}));
  });
  stage.addEventListener('change', () => save((c) => tableFor(c, pattern.value, { stage: stage.value })));
  amount.input.addEventListener('change', () => {
    const a = kAmounts[pattern.value];
    save((c) => tableFor(c, pattern.value, { [a.key]: Number(amount.input.value) }));
  });

  async function drawCoverage() {
    const { analysis } = await photoMeasures(id);
    if (!analysis) return show(coverage, h('p.muted', { text: t('coverage_none') }));
    show(coverage,
      h('figure.coverage', {},
        h('img', { src: analysisFileUrl(analysis, analysis.tone.hair_coverage.mask), alt: t('coverage_alt'), width: 220, height: 220 }),
        h('figcaption', { text: t('coverage_seen', { pct: Math.round(analysis.tone.hair_coverage.seen_fraction * 100) }) })),
      h('p.muted', { text: t('coverage_not_usable') }));
  }

  show(root, h('div.columns.loss-step', {},
    h('div', {}, h('form.card', { 'aria-labelledby': 'loss-title', onsubmit: (ev) => ev.preventDefault() },
      h('h2', { id: 'loss-title', text: t('loss_title') }),
      h('p.muted', { text: t('loss_help') }),
      h('fieldset', { disabled: !editable }, h('legend', { text: t('loss_pattern_legend') }),
        h('p.field', {}, h('label', { for: pattern.id, text: t('loss_pattern') }), pattern), errors.pattern,
        stageField, amount.element, patchesSet),
      h('p.muted', { text: t('loss_mask_note') })),
      h('section.card', { 'aria-labelledby': 'coverage-title' },
        h('h2', { id: 'coverage-title', text: t('coverage_title') }), coverage)),
    h('section.card', { 'aria-labelledby': 'loss-map-title' },
      h('h2', { id: 'loss-map-title', text: t('loss_map_title') }), map.element)));
  await map.load(false);
  arrange();
  await drawCoverage();
}
