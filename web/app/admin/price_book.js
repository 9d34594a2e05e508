// The clinic's price book: its TOML file edited as text, checked by the server exactly as
// the file is (a refusal names the line and the field), and the saved prices beside it.
import { api, ApiError } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatMoney } from '../strings.js';
import { reportError } from '../main.js';
import { field, clearErrors } from './fields.js';

// "sections.tiers[0].price" and the others, in words.
function itemLabel(item, book) {
  if (item.item !== 'section') return t('price_item_' + item.item, { n: book.sessions_included });
  return item.up_to_cm2 === null ? t('price_item_section_larger') : t('price_item_section', { cm2: item.up_to_cm2 });
}

function summary(book) {
  const percent = (p) => t('price_percent', { p });
  return [
    h('table.price-items', {},
      h('caption', { text: t('price_book_saved_prices', { code: book.currency.code }) }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('price_item') }),
        h('th.amount', { scope: 'col', text: t('price') }))),
      h('tbody', {}, book.items.map((item) => h('tr', { 'data-field': item.field },
        h('th', { scope: 'row', text: itemLabel(item, book) }),
        h('td.amount', { text: formatMoney(item.price.minor, book.currency) }))))),
    h('dl.price-terms', {},
      h('dt', { text: t('price_scar_work') }), h('dd', { text: percent(book.complex_surcharge_percent) }),
      h('dt', { text: t('price_small_sections') }), h('dd', { text: t('price_small_sections_value', { cm2: book.min_separate_cm2 }) }),
      h('dt', { text: t('price_tax') }),
      h('dd', { text: t(book.tax.included_in_prices ? 'price_tax_included' : 'price_tax_added', { p: book.tax.rate_percent }) }),
      h('dt', { text: t('price_valid') }), h('dd', { text: t('price_valid_days', { n: book.valid_days }) })),
  ];
}

// A refusal reads "toml: line 21: touch_up.price: a price must not be negative".
function refusal(message) {
  const m = message.replace(/^toml: /, '').match(/^(?:line (\d+): )?(.*)$/s);
  return { line: m[1] ? Number(m[1]) : 0, what: m[2] };
}

// The caret to the start of a 1-based line, that line selected and scrolled into view.
function selectLine(area, line) {
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] ?? '').length);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

export async function priceBookPart(root) {
  const { price_book: book } = await api.get('/api/clinic/price-book');
  const aside = h('section.card.price-summary', { 'aria-labelledby': 'price-summary-title' });
  const saved = h('p.saved', { 'aria-live': 'polite' });
  const area = h('textarea.toml', { rows: 30, spellcheck: 'false', autocomplete: 'off', text: book.toml });
  const form = h('form.admin-form.price-book-form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      saved.textContent = '';
      try {
        const r = await api.put('/api/clinic/price-book', { toml: area.value });
        drawSummary(r.price_book);
        saved.textContent = t('price_book_saved');
      } catch (e) {
        if (!(e instanceof ApiError && e.field.startsWith('toml'))) return reportError(e);
        const { line, what } = refusal(e.message);
        document.getElementById(area.id + '-error').textContent =
          line ? t('price_book_refused_line', { line, what }) : t('price_book_refused', { what });
        area.setAttribute('aria-invalid', 'true');
        if (line) selectLine(area, line); else area.focus();
      }
    },
  },
  field('price-book', 'toml', t('price_book_text'), area),
  h('p.actions', {}, h('button', { type: 'submit', text: t('price_book_save') })), saved);

  function drawSummary(b) {
    show(aside, h('h2', { id: 'price-summary-title', text: t('price_book_summary') }),
      b.is_default ? h('p.muted', { text: t('price_book_default') }) : null, summary(b));
  }

  drawSummary(book);
  show(root, h('p.muted', { text: t('price_book_help') }),
    h('div.price-book', {}, h('section.card', { 'aria-labelledby': 'price-text-title' },
      h('h2', { id: 'price-text-title', text: t('price_book_file') }), form), aside));
}
