// The audit log: whether its hash chain is intact, and its newest entries as a table,
// filtered by user, action, days and record. The server filters (GET /api/audit) and
// pages: "Show more" asks for the rows older than the last one shown.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t, formatDate, formatTime } from '../strings.js';
import { reportError } from '../main.js';

const kActions = ['read', 'search', 'create', 'update', 'disable', 'sign_in', 'sign_out', 'denied', 'backup'];
const kPageSize = 100;
const kCommandLine = '-';  // the user filter's value for rows of no signed-in user (sent as user=)

// The start of a local day, `plusDays` later, as the server's time: from and to are local days.
const dayStart = (date, plusDays = 0) => {
  const d = new Date(date + 'T00:00:00');
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

function verifyCard() {
  const result = h('div', { 'aria-live': 'polite' });
  async function check() {
    show(result, h('p.muted', { text: t('loading') }));
    const v = await api.get('/api/audit/verify');
    show(result, v.ok
      ? h('p.intact', { text: t('chain_intact', { n: v.rows.toLocaleString() }) })
      : [h('p.warning', { text: t('chain_broken', { n: v.rows.toLocaleString() }) }),
        h('ul', {}, v.problems.map((p) => h('li', { text: p })))]);
  }
  const card = h('section.card', { 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title', text: t('chain_title') }), result,
    h('button.secondary', { type: 'button', text: t('chain_check_again'), onclick: () => check().catch(reportError) }));
  return { card, check };
}

export async function auditPart(root) {
  const { users } = await api.get('/api/users');
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const who = (id) => (id ? nameOf.get(id) ?? id : t('audit_command_line'));
  const select = (id, label, options) => h('p.field', {}, h('label', { for: id, text: label }),
    h('select', { id }, options.map(([value, text]) => h('option', { value, text }))));
  const input = (id, label, attrs) => h('p.field', {}, h('label', { for: id, text: label }), h('input', { id, ...attrs }));
  // Enter in the record field would submit (reload) the page; its change event loads instead.
  const filters = h('form.filters', { role: 'search', 'aria-label': t('audit_filters'), onsubmit: (ev) => ev.preventDefault() },
    select('audit-user', t('audit_user'), [['', t('audit_anyone')], ...users.map((u) => [u.id, u.name]),
      [kCommandLine, t('audit_command_line')]]),
    select('audit-action', t('audit_action'), [['', t('audit_any_action')], ...kActions.map((a) => [a, t('action_' + a)])]),
    input('audit-from', t('audit_from'), { type: 'date' }),
    input('audit-to', t('audit_to'), { type: 'date' }),
    input('audit-record', t('audit_record_filter'), { type: 'search', autocomplete: 'off', placeholder: t('audit_record_example') }));
  const f = (id) => filters.querySelector('#audit-' + id).value.trim();
  const count = h('p.muted', { 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button.secondary', { type: 'button', hidden: true, text: t('more') });
  let total = 0, shown = 0, last = null, asked = 0;

  // The filters as the server's parameters; an empty one is left out.
  const query = () => {
    const q = { limit: kPageSize };
    const user = f('user'), action = f('action'), from = f('from'), to = f('to'), record = f('record');
    if (user) q.user = user === kCommandLine ? '' : user;
    if (action) q.action = action;
    if (from) q.from = dayStart(from);
    if (to) q.to = dayStart(to, 1);
    if (record) q.entity_id = record;
    return q;
  };
  const row = (e) => h('tr', {},
    h('td', { text: `${formatDate(e.at)} ${formatTime(e.at)}` }),
    h('td', { text: who(e.user_id) }),
    h('td', { text: e.role ? t('role_' + e.role) : '—' }),
    h('td', { text: t('action_' + e.action) }),
    h('td', { text: [e.entity.replace(/_/g, ' '), nameOf.get(e.entity_id) ?? e.entity_id].filter(Boolean).join(' ') }),
    h('td', { text: t('outcome_' + e.outcome) }),
    h('td', { text: e.address }));

  // A new filter starts again from the newest row; "Show more" goes on from the last one
  // shown. Only the latest question's answer is drawn (filters changed quickly).
  async function load(older) {
    const q = query();
    if (older) q.before = last.seq;
    else more.hidden = true;  // no "Show more" of the rows of the filters before
    const mine = ++asked;
    const page = await api.get('/api/audit', q);
    if (mine !== asked) return;
    if (!older) { total = page.total; shown = 0; tbody.replaceChildren(); }
    tbody.append(...page.entries.map(row));
    shown += page.entries.length;
    last = page.entries.at(-1) ?? last;
    count.textContent = t('audit_count', { shown: shown.toLocaleString(), n: total.toLocaleString() });
    more.hidden = page.entries.length >= page.total;
  }
  // A select or date at once; the record id on Enter or leaving the field.
  filters.addEventListener('change', () => load(false).catch(reportError));
  more.addEventListener('click', () => load(true).catch(reportError));

  const verify = verifyCard();
  show(root,
    verify.card,
    h('section.card', { 'aria-labelledby': 'audit-title' },
      h('h2', { id: 'audit-title', text: t('audit_title') }), filters, count,
      h('table.audit', {},
        h('thead', {}, h('tr', {}, ['audit_when', 'audit_user', 'role', 'audit_action', 'audit_record', 'audit_outcome',
          'audit_address'].map((k) => h('th', { scope: 'col', text: t(k) })))),
        tbody),
      more));
  await Promise.all([verify.check(), load(false)]);
}
