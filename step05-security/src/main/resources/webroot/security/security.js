// Lab 5's page: sign in first, then the dashboard this user may see. It adds no drawing and no
// reconnecting of its own: the tiles are Lab 3's dashboard.js, the connection is Lab 4's
// connection.js (the page says data-connect="manual", and this script starts and stops it).
//
//   POST /api/login    user name and password -> sign-in token (minutes), who, role and wards
//   POST /api/tickets  Authorization: Bearer <token> -> a ticket, good for one handshake, seconds
//   /ws?ticket=...     so every attempt, the first and each reconnect, asks for a fresh ticket
//
// Everything the server sends is shown with textContent, never innerHTML: a user name or an audit
// outcome is data, and data never becomes markup on this page.
//
// The alerts, the NEWS2 on the tiles and the commands to devices are alerts.js and tiles.js: the
// connection hands them what it receives (listen), and they send with it (send).
import { listen, start, stop } from './connection.js';
import { setConnection } from './dashboard.js';
import * as alerts from './alerts.js';
import * as tiles from './tiles.js';

// The sign-in is kept in sessionStorage, so a reload keeps you signed in. Not localStorage: that
// outlives the tab and the browser, and a ward computer is shared; sessionStorage goes with the
// tab. Not a cookie: a browser sends a cookie by itself with every request, which is what a
// cross-site request or a hijacking WebSocket page counts on; the server takes the token only from
// an Authorization header, which only this script writes. The price of both storages is that a
// script on the page can read the token, so no data from the server ever becomes markup here.
const STORED = 'live-vitals.sign-in';
const EXPIRED = 'Your session expired — sign in again';
// The server closes a session with this code and reason when its sign-in expires (SessionGuard).
const POLICY_VIOLATION = 1008;
const TOKEN_EXPIRED = 'token expired';
// How often the operations view asks again, and how many audit records it shows.
const OPERATIONS_REFRESH_MS = 3_000;
const AUDIT_ROWS = 50;
// A request that hangs must not hang an attempt: Lab 4's backoff only runs when an attempt ends.
const REQUEST_TIMEOUT_MS = 10_000;
// The hashes are 64 hex digits; a few are enough to tell records apart by eye (the title has all).
const HASH_SHOWN = 12;

const form = document.getElementById('sign-in');
const formError = document.getElementById('sign-in-error');
const formNotice = document.getElementById('sign-in-notice');
const who = document.getElementById('who');
const patients = document.getElementById('patients');
const operations = document.getElementById('operations');
const operationsStatus = document.getElementById('operations-status');

let signIn = null;       // { token, expiresAt, user, role, wards } while signed in
let shownUser = null;    // whose patients dashboard.js holds: they stay in its tiles until a reload
let operationsTimer;

// Refused with the user's session over: the caller has already stopped, so there is no retry.
class SignedOut extends Error {}

function signedInFor(answer) {
  return typeof answer?.token === 'string' && typeof answer.user === 'string'
    && ['doctor', 'nurse', 'admin'].includes(answer.role) && Array.isArray(answer.wards);
}

function stored() {
  try {
    const answer = JSON.parse(sessionStorage.getItem(STORED));
    return signedInFor(answer) ? answer : null;
  } catch {
    return null; // nothing stored, or something this page did not write
  }
}

async function post(path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, answer: await response.json().catch(() => null) };
}

async function get(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${signIn.token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (response.status === 401) throw expired();
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

// --- signing in and out ---

form.addEventListener('submit', async event => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  formError.hidden = true;
  try {
    const { status, answer } = await post('/api/login',
      { username: form.username.value, password: form.password.value });
    if (status === 200 && signedInFor(answer)) {
      form.password.value = '';
      signedIn(answer);
    } else {
      // 401 says "wrong user name or password", the same for a wrong name as for a wrong password;
      // 429 says the server is busy. Its words (an error message's reason), as text.
      showError(reason(answer) ?? `Sign-in failed (HTTP ${status})`);
    }
  } catch (error) {
    showError(`The server cannot be reached: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});

function signedIn(answer) {
  sessionStorage.setItem(STORED, JSON.stringify(answer));
  if (shownUser !== null && shownUser !== answer.user) {
    // The tiles on the page are the last user's, and may hold patients this one must not see:
    // start afresh. The reload finds the new sign-in stored.
    location.reload();
    return;
  }
  enter(answer);
}

// Shows this user's view and connects. After an expiry, the same user comes back to the same page
// and Lab 4's connection resumes where it stopped: the readings sent meanwhile are replayed.
function enter(answer) {
  signIn = answer;
  shownUser = answer.user;
  form.hidden = true;
  formNotice.hidden = true;
  formError.hidden = true;
  document.getElementById('user').textContent = answer.user;
  document.getElementById('role').textContent = answer.role;
  document.getElementById('scope').textContent = scope(answer);
  who.hidden = false;
  alerts.signedInAs(answer);
  tiles.signedInAs(answer);
  const admin = answer.role === 'admin';
  patients.hidden = admin;
  operations.hidden = !admin;
  setConnection('connecting', 'connecting…');
  // gapsAllowed: the server leaves out the readings of patients this user may not see, numbers and
  // all, so a skipped number is not a lost reading. An admin connects too: no patient comes, but
  // the session is listed, audited, and closed when the sign-in expires, like any other.
  start({ ticket, gapsAllowed: true, onClosed });
  if (admin) refreshOperations();
}

function scope(answer) {
  if (answer.role === 'nurse') return `Ward: ${answer.wards.join(', ')}`;
  return answer.role === 'doctor' ? 'All wards' : 'Operations';
}

// Asked by Lab 4's connection before each attempt. A 401 means the sign-in itself has expired:
// then this attempt and every later one would fail, so the page stops and asks for a sign-in.
async function ticket() {
  const { status, answer } = await post('/api/tickets', {}, signIn.token);
  if (status === 401) throw expired();
  if (status !== 200 || typeof answer?.ticket !== 'string') {
    throw new Error(`no ticket: HTTP ${status} ${reason(answer) ?? ''}`); // the connection's backoff tries again
  }
  return answer.ticket;
}

function onClosed(code, reason) {
  if (code === POLICY_VIOLATION && reason === TOKEN_EXPIRED) expired();
}

// The sign-in is over: stop connecting, hide what this user saw, and ask for a new sign-in. The
// tiles are kept, only hidden, so that the same user signing in again resumes where this ended.
function expired() {
  leave();
  formNotice.textContent = EXPIRED;
  formNotice.hidden = false;
  form.hidden = false;
  form.username.focus();
  return new SignedOut(EXPIRED);
}

// Forgets the token, closes the socket, stops the operations view and hides everything shown.
function leave() {
  stop();
  alerts.signedOut();
  clearTimeout(operationsTimer);
  signIn = null;
  sessionStorage.removeItem(STORED);
  who.hidden = patients.hidden = operations.hidden = true;
  setConnection('disconnected', 'signed out');
}

// Signing out leaves, then reloads the page, so nothing the user saw stays in its memory for the
// next person at this computer; the fresh page shows the sign-in form. (The server keeps no
// sign-in to end: the token is never sent again, and it expires on its own.)
document.getElementById('sign-out').addEventListener('click', () => {
  leave();
  location.reload();
});

// An error answer is Lab 3's error message, {"type":"error","reason":"..."} (labs/protocol.md).
function reason(answer) {
  return typeof answer?.reason === 'string' ? answer.reason : null;
}

function showError(text) {
  formError.textContent = text;
  formError.hidden = false;
}

// --- the admin's operations view ---

async function refreshOperations() {
  const asked = signIn;
  try {
    const [sessions, audit] = await Promise.all([
      get('/api/admin/sessions'), get(`/api/admin/audit?limit=${AUDIT_ROWS}`)]);
    if (signIn !== asked) return; // signed out meanwhile
    fill('sessions', sessions, s => [s.user, s.role, (s.wards ?? []).join(', '), s.address, time(s.since)]);
    const newestFirst = [...audit].sort((a, b) => b.n - a.n);
    fill('audit', newestFirst, r => [r.n, time(r.time), r.user, r.role, r.address, r.action, r.patient,
      r.outcome, hash(r)]);
    operationsStatus.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof SignedOut || signIn !== asked) return;
    operationsStatus.textContent = `Could not refresh: ${error.message}`;
  }
  operationsTimer = setTimeout(refreshOperations, OPERATIONS_REFRESH_MS);
}

// Replaces a table's rows: one per item, a cell per value, each value as text (null shows as –).
function fill(tableId, items, cells) {
  const rows = items.map(item => {
    const row = document.createElement('tr');
    for (const value of cells(item)) {
      const cell = document.createElement('td');
      if (value instanceof Node) cell.append(value);
      else cell.textContent = value ?? '–';
      row.append(cell);
    }
    return row;
  });
  document.querySelector(`#${tableId} tbody`).replaceChildren(...rows);
}

function time(iso) {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toLocaleString();
}

function hash(record) {
  const code = document.createElement('code');
  code.textContent = String(record.hash ?? '').slice(0, HASH_SHOWN);
  code.title = `hash ${record.hash}\nprev ${record.prev}`;
  return code;
}

// --- on load ---

// Every message the connection passes on, after Lab 3's dashboard.js has drawn what it draws.
listen(message => {
  alerts.receive(message);
  tiles.receive(message);
});

const kept = stored();
if (kept !== null) {
  enter(kept); // a reload; if the token has expired meanwhile, the ticket's 401 says so
} else {
  form.hidden = false;
}
