// Admin: the staff accounts, the clinic's details and rooms (#/admin), the consent texts
// (#/admin/texts), the price book (#/admin/price-book), the holidays (#/admin/holidays) and the
// audit log (#/admin/audit), each part at its own address.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../strings.js';
import { may } from '../main.js';
import { usersCard } from '../admin/users.js';
import { contactCard, roomsCard } from '../admin/clinic.js';
import { consentTextsPart } from '../admin/consents.js';
import { priceBookPart } from '../admin/price_book.js';
import { holidaysPart } from '../admin/holidays.js';
import { auditPart } from '../admin/audit.js';

async function clinicPart(root) {
  const { user } = await api.get('/api/me');
  show(root, h('div.columns', {},
    await usersCard(user.name),
    may('manage_clinic') ? h('div', {}, await contactCard(), roomsCard()) : null));
}

const kParts = [
  { name: '', title: 'admin_part_clinic', needs: 'manage_users', show: clinicPart },
  { name: 'texts', title: 'admin_part_texts', needs: 'manage_clinic', show: consentTextsPart },
  { name: 'price-book', title: 'admin_part_price_book', needs: 'manage_clinic', show: priceBookPart },
  { name: 'holidays', title: 'admin_part_holidays', needs: 'manage_clinic', show: holidaysPart },
  { name: 'audit', title: 'admin_part_audit', needs: 'review_audit', show: auditPart },
];

export async function adminScreen(root, partName = '') {
  const part = kParts.find((p) => p.name === partName);
  const body = h('div');
  // The heading comes with the part, so a page with the heading has its part (the shell
  // says "Loading…" meanwhile).
  await part.show(body);
  show(root,
    h('h1', { text: t('admin_title') }),
    h('nav.steps.parts', { 'aria-label': t('admin_parts') }, h('ul', {}, kParts.filter((p) => may(p.needs)).map((p) =>
      h('li', {}, h('a', { href: p.name ? `#/admin/${p.name}` : '#/admin', 'aria-current': p === part ? 'page' : null,
        text: t(p.title) }))))),
    body);
}
