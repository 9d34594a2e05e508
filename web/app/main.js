// The app's shell: who is signed in, the navigation their role may use (the permissions
// GET /api/me returns from the server's access policy), and the screen of the address.
import { api, ApiError, setCsrf } from './api.js';
import { h, show } from './dom.js';
import { t } from './strings.js';
import { signInScreen, passwordScreen } from './screens/signin.js';
import { todayScreen } from './screens/today.js';
import { patientsScreen, patientScreen } from './screens/patients.js';
import { adminScreen } from './screens/admin.js';
import { galleryScreen } from './screens/gallery.js';
import { consultationScreen } from './screens/consultation.js';
import { sessionScreen } from './screens/session.js';

// Each screen with the permission that opens it; the first the user may is their home.
const screens = [
  { path: /^today$/, nav: 'nav_today', needs: 'view_appointments', show: todayScreen },
  { path: /^patients$/, nav: 'nav_patients', needs: 'view_patient_names', show: patientsScreen },
  { path: /^patients\/(P-[0-9A-F]{10})$/, needs: 'view_patient_names', show: patientScreen },
  { path: /^consultations\/(C-[0-9A-F]{10})(?:\/(history|photos|skin|loss|hairline|goals|simulation|plan))?$/, needs: 'view_clinical_record', show: consultationScreen },
  { path: /^sessions\/(A-[0-9A-F]{10})$/, needs: 'record_sessions', show: sessionScreen },
  { path: /^gallery$/, nav: 'nav_gallery', needs: 'view_gallery', show: galleryScreen },
  { path: /^admin$/, nav: 'nav_admin', needs: 'manage_users', show: adminScreen },
  { path: /^admin\/(texts)$/, needs: 'manage_clinic', show: adminScreen },
  { path: /^admin\/(price-book|holidays)$/, needs: 'manage_clinic', show: adminScreen },
  { path: /^admin\/(audit)$/, needs: 'review_audit', show: adminScreen },
];

const session = { me: null };
const main = document.getElementById('main');

export function may(permission) { return session.me?.permissions.includes(permission) ?? false; }

export function status(text) { document.getElementById('status').textContent = text; }

export function reportError(e) {
  status(e instanceof ApiError && e.code === 'offline' ? t('offline') : t('error', { message: e.message }));
}

function home() { return screens.find((s) => s.nav && may(s.needs)); }

const hrefOf = (screen) => '#/' + screen.path.source.replace(/[\^$]/g, '');

// A new address routes through hashchange; the same one must be routed by hand (once).
function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function drawNav() {
  const nav = document.getElementById('nav');
  const here = location.hash.slice(2);
  show(nav, session.me ? h('ul', {}, screens.filter((s) => s.nav && may(s.needs)).map((s) => {
    const href = hrefOf(s);
    return h('li', {}, h('a', { href, 'aria-current': here.startsWith(href.slice(2)) ? 'page' : null, text: t(s.nav) }));
  })) : []);
  const who = document.getElementById('who');
  show(who, session.me ? [
    t('signed_in_as', { name: session.me.user.name, role: t('role_' + session.me.user.role) }), ' ',
    h('button.link', { type: 'button', onclick: signOut, text: t('sign_out') })] : []);
}

async function signOut() {
  await api.post('/api/logout').catch(() => {});
  session.me = null;
  sessionStorage.removeItem('signed_in');
  go('#/signin');
}

export async function signedIn() {
  const me = await api.get('/api/me');
  setCsrf(me.csrf_token);
  session.me = me;
  sessionStorage.setItem('signed_in', '1');
  return me;
}

async function route() {
  status('');
  // Only a tab that signed in asks who it is: a fresh visit goes to sign-in without a 401.
  if (!session.me && sessionStorage.getItem('signed_in')) {
    try { await signedIn(); } catch { session.me = null; sessionStorage.removeItem('signed_in'); }
  }
  drawNav();
  if (!session.me) return signInScreen(main, async () => { await signedIn(); go(''); });
  if (session.me.user.must_change_password) return passwordScreen(main, async () => { await signedIn(); route(); });
  const want = location.hash.replace(/^#\/?/, '');
  const screen = screens.find((s) => s.path.test(want));
  if (!screen) {
    const start = home();
    if (start && want !== 'signin' && want !== '') return show(main, h('p', { text: t('not_found') }));
    if (start) { location.replace(hrefOf(start)); return; }
    return show(main, h('p', { text: t('not_allowed') }));
  }
  if (!may(screen.needs)) return show(main, h('p', { text: t('not_allowed') }));
  show(main, h('p', { text: t('loading') }));
  try {
    await screen.show(main, ...want.match(screen.path).slice(1));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { session.me = null; return route(); }
    reportError(e);
  }
}

window.addEventListener('hashchange', route);
route();
