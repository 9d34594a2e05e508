// Every word the app shows, in one place for translation; dates and money in the clinic's
// locale (the browser's, by Intl).
const en = {
  app_name: 'SMP Studio',
  sign_in: 'Sign in', sign_out: 'Sign out', name: 'Name', password: 'Password',
  signed_in_as: 'Signed in as {name} ({role})',
  change_password_title: 'Choose your own password',
  change_password_why: 'This was a one-time password. Choose one of at least 12 characters that only you know.',
  current_password: 'One-time password', new_password: 'New password', repeat_password: 'New password again',
  passwords_differ: 'The two new passwords differ.',
  save_password: 'Save password',
  nav_today: 'Today', nav_patients: 'Patients', nav_admin: 'Admin',
  today_title: 'Today, {date}',
  appointments: 'Appointments', no_appointments: 'Nothing booked today.',
  by_technician: 'By technician', room: 'Room', time: 'Time', patient: 'Patient', kind: 'Visit',
  kind_consultation: 'Consultation', kind_session: 'Session {n}', kind_follow_up: 'Follow-up', kind_touch_up: 'Touch-up',
  red_flags: 'Contact now: red flags waiting for a doctor', no_red_flags: 'No red flag is waiting.',
  recalls: 'Due for a touch-up (next 2 months)', no_recalls: 'No touch-up is due.',
  due_on: 'due {date}',
  patients_title: 'Patients', search_label: 'Find a patient by name', search_placeholder: 'Type a name',
  results: '{shown} of {total} patients', more: 'Show more', no_patients: 'No patient matches.',
  born: 'born {date}',
  new_patient: 'New patient', full_name: 'Full name', birth_date: 'Date of birth', phone: 'Phone', email: 'E-mail',
  register: 'Register patient',
  timeline: 'Timeline', consultations: 'Consultations', opened: 'opened {date}', case_version: 'case version {n}',
  photos: 'Photos', session_logs: 'Sessions', follow_ups: 'Follow-ups', invoices: 'Invoices', nothing_yet: 'None yet.',
  admin_title: 'Clinic administration', users: 'Staff accounts', role: 'Role', disabled: 'disabled',
  clinic_contact: 'How patients reach the clinic',
  contact_name: 'Clinic', contact_address: 'Address', contact_phone: 'Phone',
  contact_after_hours_phone: 'After hours', contact_email: 'E-mail',
  not_allowed: 'Your role cannot open this page.', not_found: 'There is nothing at this address.',
  error: 'Could not be done: {message}', offline: 'The clinic server cannot be reached. Nothing was lost; try again.',
  loading: 'Loading…',
  consultation_title: 'Consultation: {name}', last_saved: 'last saved {time}',
  hairline_title: 'Hairline',
  hairline_help: 'Drag a point on either view, or choose it below and move it with the arrow keys (Shift: 5 mm). ' +
    'The dots are planned again as you move; the point is saved when you let go.',
  hairline_front_view: 'Model head, front view', hairline_scalp_map: 'Scalp map, seen from above',
  point_to_move: 'Point to move', point_mid_frontal: 'Mid-frontal', point_frontotemporal_left: 'Frontotemporal, left',
  point_frontotemporal_right: 'Frontotemporal, right', point_temporal_left: 'Temporal, left',
  point_temporal_right: 'Temporal, right',
  hairline_style: 'Style', style_soft: 'Soft (natural)', style_defined: 'Defined', style_mature: 'Mature',
  macro_irregularity: 'Macro-irregularity (mm)', micro_irregularity: 'Micro-irregularity (mm)',
  map_zoom: 'Scalp map shows', zoom_hairline: 'The hairline', zoom_close: 'A close-up of the mid-frontal point', zoom_whole: 'The whole scalp',
  mid_frontal_height: 'Mid-frontal point {cm} cm above the glabella',
  height_range: '(7 cm aggressive, 8 cm common, 10 cm conservative)',
  too_low_for_age: 'Low for a {age}-year-old: {cm} cm, below the usual {min} cm. A line this low may look unnatural as the years pass; ' +
    'discuss it with the patient.',
  height_ok_for_age: 'At or above the usual {min} cm for a {age}-year-old.',
  ft_left: 'Left frontotemporal point: {where}.', ft_right: 'Right frontotemporal point: {where}.',
  ft_outside: '{mm} mm outside the lateral epicanthal line', ft_inside: '{mm} mm inside the lateral epicanthal line',
  dot_count: '{n} impressions in the plan',
  saving: 'Saving…', saved_version: 'Saved as case version {n}.',
  not_saved_retrying: 'Not saved yet: the clinic server cannot be reached. Trying again…',
  replanning: 'Planning the dots again…',
  role_admin: 'administrator', role_doctor: 'doctor', role_technician: 'technician', role_front_desk: 'front desk',
};

export function t(key, params = {}) {
  const text = en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

const locale = navigator.language || 'en';
export const formatDate = (iso) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined })
    .format(new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso));
export const formatTime = (iso) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
// Money arrives in integer minor units with its ISO 4217 currency.
export const formatMoney = (minor, currency) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
