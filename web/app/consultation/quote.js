// The plan's quote line by line (as its quote.json prices it), issued to the patient
// (POST .../quotes: dated today, valid as the price book says) and the patient's
// decision recorded once.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatMoney } from '../strings.js';
import { reportError } from '../main.js';

function linesTable(q) {
  const money = (m) => formatMoney(m.minor, q.currency);
  const cell = (text, cls) => h(cls ? `td.${cls}` : 'td', { text });
  const foot = (label, m) => h('tr', {}, h('th', { scope: 'row', colspan: 4, text: label }), cell(money(m), 'amount'));
  return h('table.quote', {},
    h('thead', {}, h('tr', {}, [t('quote_item'), t('quote_detail'), t('quote_quantity'), t('quote_unit_price'), t('quote_amount')]
      .map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, q.lines.map((l) => h('tr', {},
      cell(l.item), cell(l.detail, 'detail'), cell(String(l.quantity), 'amount'), cell(money(l.unit_price), 'amount'),
      cell(money(l.amount), 'amount')))),
    h('tfoot', {},
      foot(t('quote_subtotal'), q.subtotal),
      foot(t(q.tax.included_in_prices ? 'quote_tax_included' : 'quote_tax', { rate: q.tax.rate_percent }), q.tax.amount),
      foot(t('quote_total'), q.total)));
}

export async function quoteCard(patient, job, planned) {
  const state = h('div', { 'aria-live': 'polite' });
  const card = h('section.card', { 'aria-labelledby': 'quote-title' },
    h('h2', { id: 'quote-title', text: t('quote_title') }), linesTable(planned), state);

  function draw(issued) {
    if (!issued) {
      return show(state, h('button', { type: 'button', text: t('issue_quote'), onclick: async () => {
        try { draw((await api.post(`/api/consultations/${job.consultation_id}/quotes`, { job_id: job.id })).quote); }
        catch (e) { reportError(e); }
      } }));
    }
    const decide = (decision) => async () => {
      try { draw((await api.post(`/api/quotes/${issued.id}/decision`, { decision })).quote); }
      catch (e) { reportError(e); }
    };
    const open = issued.state === 'issued' && !issued.expired;
    show(state,
      h('p', { text: t('quote_issued', { id: issued.id, date: formatDate(issued.issued_on),
                                         until: formatDate(issued.valid_until) }) }),
      h('p', {}, h('strong', { text: t(issued.expired ? 'quote_expired' : 'quote_state_' + issued.state) })),
      open ? h('p.actions', {},
        h('button', { type: 'button', text: t('quote_accept'), onclick: decide('accepted') }),
        h('button.secondary', { type: 'button', text: t('quote_decline'), onclick: decide('declined') })) : null);
  }

  const { quotes } = await api.get(`/api/patients/${patient.id}/quotes`);
  draw(quotes.find((q) => q.job_id === job.id && q.kind === 'treatment'));
  return card;
}
