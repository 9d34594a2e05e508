// The skin and hair step: the Fitzpatrick phototype and the hair colour, each saved in the
// case's [patient] on change, with the values measured on the posed photos (the latest
// photo analysis) beside the clinician's choice, and the shades the newest plan chose.
import { h, show } from '../dom.js';
import { t, formatDate } from '../strings.js';
import { may, reportError, status } from '../main.js';
import { photoMeasures, measurePhotos } from './photo_analysis.js';
import { shadesCard } from './shades.js';

const kRoman = ['I', 'II', 'III', 'IV', 'V', 'VI'];
// The names the server matches (docs/case-file.md "hair_colour"); a photo measures one of them.
const kHairColours = ['black', 'dark brown', 'medium brown', 'light brown', 'blond', 'red', 'grey', 'white'];

// The case holds "I".."VI" or 1-6; missing is the parser's default, III.
const phototypeOf = (patient) => {
  const p = patient?.phototype ?? 3;
  return typeof p === 'number' ? kRoman[p - 1] : p;
};
const hairColourOf = (patient) => patient?.hair_colour ?? 'dark brown';
const hairName = (colour) => (kHairColours.includes(colour) ? t('hair_' + colour.replace(' ', '_')) : colour);

export async function skinStep(root, { id, store }) {
  const editable = may('edit_clinical_record');
  const errors = {
    phototype: h('p.error', { id: 'phototype-error', 'aria-live': 'polite' }),
    hair_colour: h('p.error', { id: 'hair_colour-error', 'aria-live': 'polite' }),
  };
  const radios = kRoman.map((r) => h('input', { type: 'radio', name: 'phototype', id: `phototype-${r}`, value: r,
                                                   'aria-describedby': errors.phototype.id }));
  const colour = h('select', { id: 'hair-colour', 'aria-describedby': errors.hair_colour.id });
  const measured = { phototype: h('div.measured'), hair_colour: h('div.measured') };
  const photosBody = h('div', { 'aria-live': 'polite' });
  const shades = shadesCard(id, store);
  let analysis = null;

  function drawChoice() {
    const p = store.case.patient;
    for (const r of radios) r.checked = r.value === phototypeOf(p);
    const now = hairColourOf(p);
    // Free text written elsewhere (an imported case) is kept as a choice of its own.
    show(colour, (kHairColours.includes(now) ? kHairColours : [...kHairColours, now])
      .map((c) => h('option', { value: c, text: hairName(c), selected: c === now })));
  }

  // Saved in [patient]; the server's refusal shown at the field it names.
  async function save(key, value) {
    for (const e of Object.values(errors)) e.textContent = '';
    try {
      await store.save((c) => ({ ...c, patient: { ...(c.patient ?? {}), [key]: value } }));
    } catch (e) {
      const at = Object.keys(errors).find((k) => e.field === `case.patient.${k}`);
      if (at) errors[at].textContent = e.message; else reportError(e);
    }
    drawChoice(); drawMeasured(); shades.redraw();
  }

  // The measured value beside the choice, with a button to take it.
  function drawMeasured() {
    const p = store.case.patient;
    const offer = (key, text, value, chosen) => show(measured[key], h('span', { text }), ' ',
      value === chosen ? h('span.muted', { text: t('measured_same') })
        : editable ? h('button.secondary.small', { type: 'button', onclick: () => save(key, value),
                                                    'aria-label': t('use_measured_for', { what: t(key === 'phototype' ? 'phototype_legend' : 'hair_colour_label') }),
                                                    text: t('use_measured') })
          : null);
    if (!analysis) { show(measured.phototype); show(measured.hair_colour); return; }
    const type = kRoman[analysis.tone.phototype - 1];
    offer('phototype', t('measured_phototype', { type }), type, phototypeOf(p));
    if (analysis.tone.hair_measured) offer('hair_colour', t('measured_hair', { colour: hairName(analysis.tone.hair_colour) }),
      analysis.tone.hair_colour, hairColourOf(p));
    else show(measured.hair_colour, h('span.muted', { text: t('measured_no_hair') }));
  }

  async function measure() {
    status(t('measuring_photos'));
    try {
      analysis = await measurePhotos(id);
      status('');
      drawPhotos({ posed: true });
      drawMeasured();
    } catch (e) { reportError(e); }
  }

  function drawPhotos(counts) {
    const button = (key) => (editable ? h('button', { type: 'button', onclick: measure, text: t(key) }) : null);
    if (analysis) {
      const views = Object.keys(analysis.photos).map((v) => t('photo_view_' + v).toLowerCase()).join(', ');
      return show(photosBody,
        h('p', { text: t('measured_on', { date: formatDate(analysis.created_at), views }) }),
        h('p', { text: t('measured_shades', { shades: analysis.tone.shades.join(', ') }) }),
        analysis.tone.shade_warnings.map((w) => h('p.warning', { text: w })),
        button('measure_again'));
    }
    if (!counts.photos) return show(photosBody, h('p', { text: t('skin_photos_none') }));
    if (!counts.posed) return show(photosBody, h('p', { text: t('skin_photos_unposed', { n: counts.photos }) }));
    show(photosBody, h('p', { text: t('skin_photos_unmeasured', { n: counts.posed }) }), button('measure_photos'));
  }

  for (const r of radios) r.addEventListener('change', () => save('phototype', r.value));
  colour.addEventListener('change', () => save('hair_colour', colour.value));
  show(root, h('div.columns.skin-step', {},
    h('form.card', { 'aria-labelledby': 'skin-title', onsubmit: (ev) => ev.preventDefault() },
      h('h2', { id: 'skin-title', text: t('skin_title') }),
      h('p.muted', { text: t('skin_help') }),
      h('fieldset', { disabled: !editable },
        h('legend', { text: t('phototype_legend') }),
        radios.map((r, i) => h('p.check', {}, r, h('label', { for: r.id, text: t('phototype_' + (i + 1)) }))),
        measured.phototype, errors.phototype),
      h('fieldset', { disabled: !editable },
        h('legend', { text: t('hair_legend') }),
        h('p.field', {}, h('label', { for: colour.id, text: t('hair_colour_label') }), colour),
        measured.hair_colour, errors.hair_colour)),
    h('div', {},
      h('section.card', { 'aria-labelledby': 'skin-photos-title' },
        h('h2', { id: 'skin-photos-title', text: t('measured_title') }), photosBody),
      shades.element)));
  drawChoice();
  const counts = await photoMeasures(id);
  analysis = counts.analysis;
  drawPhotos(counts);
  drawMeasured();
  await shades.load();
}
