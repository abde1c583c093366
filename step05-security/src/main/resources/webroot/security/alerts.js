// Lab 5's alert banner: the active alerts of this user's patients, highest priority first and then
// the oldest first, each with its priority in words as well as in colour (colour alone says nothing
// to a colour-blind nurse or a screen reader), its patient, text and state, and an Acknowledge
// button where this user may acknowledge it. The server is the only judge of an alert: the page
// shows what it is sent and asks; it changes nothing until the server's answer comes back.
//
// Messages (labs/protocol.md):
//   {"type":"alerts","active":[...]}   on every (re)connect: the whole set, replacing the page's
//   {"type":"alert",...,"seq":N}        one alert changed (raised, escalated, eased, re-announced,
//                                       acknowledged, cleared), in stream order like a reading
//   {"type":"acknowledge","alert":id}   sent by the page; a refusal comes back as an "error"
//
// Every value from the server is set with textContent, never innerHTML.
import { send } from './connection.js';
import { isOn, play, switchSound } from './sound.js';

// The three priorities of IEC 60601-1-8, highest first, and how the banner says them.
const PRIORITIES = { high: { rank: 3, word: 'High priority' }, medium: { rank: 2, word: 'Medium priority' },
  low: { rank: 1, word: 'Low priority' } };
// How long an all-clear notice stays, and how many are shown at once (the newest).
const ALL_CLEAR_MS = 60_000;
const ALL_CLEAR_SHOWN = 5;
// An acknowledgement the server has not answered by then is given up on: the button works again.
const ACK_PATIENCE_MS = 10_000;

const list = document.getElementById('alert-list');
const noAlerts = document.getElementById('no-alerts');
const problem = document.getElementById('alert-problem');
const allClear = document.getElementById('all-clear');
const soundButton = document.getElementById('sound');

const shown = new Map();    // alert id -> { alert, element }: the page's set, as the server last said
const asked = new Map();    // alert id -> timer, for each acknowledgement sent and not yet answered
let access = null;          // { user, role, wards } while signed in; no sound while signed out

// Whose page this is: the role and wards decide where an Acknowledge button shows.
export function signedInAs(answer) {
  access = { user: answer.user, role: answer.role, wards: answer.wards };
  shown.forEach(({ alert, element }) => fill(element, alert));
}

export function signedOut() {
  access = null;
}

// Handles one message from the connection; what is not about alerts is left alone.
export function receive(message) {
  if (message.type === 'alerts') {
    replaceAll(Array.isArray(message.active) ? message.active.filter(isAlert) : []);
  } else if (message.type === 'alert') {
    if (isAlert(message)) changed(message);
  } else if (message.type === 'error' && asked.size > 0) {
    // The server refused (not this user's ward, already acknowledged, cleared meanwhile) and says
    // why only to this session. Its reason names no alert, so every pending button works again.
    giveUp([...asked.keys()], `The server refused the acknowledgement: ${message.reason}`);
  }
}

function isAlert(alert) {
  return typeof alert?.id === 'string' && typeof alert.patient === 'string' && typeof alert.state === 'string';
}

// A doctor may acknowledge any alert, a nurse those of her wards, an admin none (she gets none).
// The server only sends a nurse her wards' alerts; an alert that names its ward is checked too.
function mayAcknowledge(alert) {
  if (access?.role === 'doctor') return true;
  if (access?.role !== 'nurse') return false;
  return typeof alert.ward !== 'string' || access.wards.includes(alert.ward);
}

function priority(alert) {
  return Object.hasOwn(PRIORITIES, alert.priority) ? PRIORITIES[alert.priority]
    : { rank: 0, word: `Priority ${alert.priority}` }; // not one of the three: shown last, as said
}

// --- the set ---

// The whole set, after a (re)connect: an alert the page has and the list has not is gone (it
// cleared while the page was away, or this user may no longer see it). What is new and
// unacknowledged sounds once, the highest of it only.
function replaceAll(sent) {
  const active = sent.filter(alert => alert.state !== 'cleared');
  const ids = new Set(active.map(alert => alert.id));
  for (const id of [...shown.keys()]) {
    if (!ids.has(id)) forget(id);
  }
  let loudest = null;
  for (const alert of active) {
    if (announces(shown.get(alert.id)?.alert, alert) && priority(alert).rank > (loudest ? priority(loudest).rank : 0)) {
      loudest = alert;
    }
    keep(alert);
  }
  order();
  if (loudest !== null) sound(loudest);
}

function changed(alert) {
  const before = shown.get(alert.id)?.alert;
  if (alert.state === 'cleared') {
    if (before === undefined) return; // never shown here: nothing to call clear
    forget(alert.id);
    order();
    notifyAllClear(before, alert);
    return;
  }
  keep(alert);
  order();
  if (announces(before, alert)) sound(alert);
}

// Whether this change is one to hear: an alert that is unacknowledged and new to the page, or that
// was acknowledged until now (its silence ended, or an escalation undid the acknowledgement), or
// that the server announces again, or that rose in priority. An acknowledged alert is silent.
function announces(before, alert) {
  if (alert.state !== 'unacknowledged') return false;
  return before === undefined || before.state !== 'unacknowledged'
    || alert.announcements > before.announcements || priority(alert).rank > priority(before).rank;
}

function keep(alert) {
  let entry = shown.get(alert.id);
  if (entry === undefined) {
    entry = { alert, element: newEntry(alert.id) };
    shown.set(alert.id, entry);
  }
  entry.alert = alert;
  if (alert.state !== 'unacknowledged') answered(alert.id);
  fill(entry.element, alert);
}

function forget(id) {
  answered(id);
  shown.get(id)?.element.remove();
  shown.delete(id);
}

// Highest priority first; within a priority the oldest first (it has waited longest); then by id.
// An unreadable time counts as the newest. Moves entries only if the order changed: moving one
// takes the focus off its button.
function order() {
  const wanted = [...shown.values()].sort((a, b) => compare(a.alert, b.alert)).map(entry => entry.element);
  const current = [...list.children];
  if (wanted.length !== current.length || wanted.some((element, i) => element !== current[i])) {
    list.replaceChildren(...wanted);
  }
  noAlerts.hidden = shown.size > 0;
}

function compare(a, b) {
  return priority(b).rank - priority(a).rank
    || raisedAt(a) - raisedAt(b)
    || a.id.localeCompare(b.id, 'en', { numeric: true });
}

function raisedAt(alert) {
  const ms = Date.parse(alert.raisedAt);
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

// --- an entry ---

function newEntry(id) {
  const element = document.createElement('li');
  element.className = 'alert';
  element.dataset.alert = id;
  for (const [tag, part] of [['strong', 'priority'], ['span', 'patient'], ['span', 'kind'], ['span', 'text'],
    ['span', 'state'], ['span', 'raised']]) {
    element.append(Object.assign(document.createElement(tag), { className: part }), ' ');
  }
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'acknowledge',
    textContent: 'Acknowledge' });
  button.addEventListener('click', () => acknowledge(id, button));
  element.append(button);
  return element;
}

// Writes the alert into its entry; each part only if it changed, as the banner is a live region.
function fill(element, alert) {
  const { word } = priority(alert);
  element.dataset.priority = Object.hasOwn(PRIORITIES, alert.priority) ? alert.priority : 'unknown';
  element.dataset.state = alert.state;
  text(element, '.priority', word);
  text(element, '.patient', alert.patient);
  text(element, '.kind', alert.kind === 'technical' ? 'technical alarm:' : '');
  text(element, '.text', alert.text ?? '');
  text(element, '.state', stateWords(alert));
  const times = alert.announcements > 1 ? `, announced ${alert.announcements} times` : '';
  text(element, '.raised', `since ${time(alert.raisedAt)}${times}`);
  const button = element.querySelector('.acknowledge');
  button.hidden = alert.state !== 'unacknowledged' || !mayAcknowledge(alert);
  button.disabled = asked.has(alert.id);
  button.setAttribute('aria-label', `Acknowledge ${word.toLowerCase()} alert for ${alert.patient}: ${alert.text ?? ''}`);
}

function stateWords(alert) {
  if (alert.state === 'acknowledged') {
    const by = typeof alert.acknowledgedBy === 'string' ? ` by ${alert.acknowledgedBy}` : '';
    const at = alert.acknowledgedAt ? ` at ${time(alert.acknowledgedAt)}` : '';
    const until = alert.silencedUntil ? `, silenced until ${time(alert.silencedUntil)}` : '';
    return `acknowledged${by}${at}${until}`;
  }
  return asked.has(alert.id) ? `${alert.state}, acknowledging…` : alert.state;
}

function text(element, selector, value) {
  const part = element.querySelector(selector);
  if (part.textContent !== value) part.textContent = value;
}

function time(iso) {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? String(iso) : new Date(ms).toLocaleTimeString();
}

// --- acknowledging ---

function acknowledge(id, button) {
  const entry = shown.get(id);
  if (entry === undefined || asked.has(id)) return;
  problem.hidden = true;
  if (!send({ type: 'acknowledge', alert: id })) {
    say('Not acknowledged: the connection is not live. Try again once it is.');
    return;
  }
  asked.set(id, setTimeout(() => giveUp([id], 'The server did not answer the acknowledgement: try again.'), ACK_PATIENCE_MS));
  fill(entry.element, entry.alert);
  button.disabled = true;
}

// The acknowledgement of this alert is over: the server's new state came (or the alert is gone).
function answered(id) {
  clearTimeout(asked.get(id));
  asked.delete(id);
}

function giveUp(ids, reason) {
  ids.forEach(answered);
  ids.forEach(id => { const entry = shown.get(id); if (entry) fill(entry.element, entry.alert); });
  say(reason);
}

function say(reason) {
  problem.textContent = reason;
  problem.hidden = false;
}

// --- all clear ---

function notifyAllClear(before, cleared) {
  const source = typeof before.source === 'string' ? `${before.source} ` : '';
  const kind = before.kind === 'technical' ? 'technical alarm' : 'alert';
  const at = time(cleared.clearedAt ?? cleared.updatedAt);
  const item = Object.assign(document.createElement('li'), {
    textContent: `All clear: ${before.patient}'s ${source}${kind} (${priority(before).word.toLowerCase()}) ended at ${at}`,
  });
  item.dataset.alert = cleared.id;
  allClear.prepend(item);
  while (allClear.children.length > ALL_CLEAR_SHOWN) allClear.lastElementChild.remove();
  setTimeout(() => item.remove(), ALL_CLEAR_MS);
}

// --- sound ---

function sound(alert) {
  if (access !== null) play(alert.priority);
}

// A toggle: aria-pressed says whether it is on. Switching it on plays the highest unacknowledged
// alert's pattern, so the user hears at once that it works and what is waiting.
soundButton.addEventListener('click', () => {
  switchSound(!isOn());
  soundButton.setAttribute('aria-pressed', String(isOn()));
  const loudest = [...shown.values()].map(entry => entry.alert).filter(alert => alert.state === 'unacknowledged')
    .sort(compare)[0];
  if (isOn() && loudest !== undefined) sound(loudest);
});
