// What Lab 5 adds to Lab 3's tiles, without changing dashboard.js: the NEWS2 score and risk of the
// reading shown, and the commands this user may send to the patient's device, with their answer.
// The tile template in index.html has the elements; dashboard.js makes a tile from it for each
// patient, and this script fills them in after dashboard.js has drawn the reading.
//
//   reading:  {..., "news2":{"score":5,"risk":"medium"}}
//   sent:     {"type":"command","requestId":"r1","patient":"P001","command":"request-reading"|"reset"}
//   answer:   {"type":"command-result","requestId":"r1","patient":"P001","command":"...",
//              "outcome":"done|failed|refused|offline|timeout|busy","detail":"..."}
//
// Every value from the server is set with textContent, never innerHTML.
import { send } from './connection.js';

const RISKS = { low: 'low risk', 'low-medium': 'low-medium risk', medium: 'medium risk', high: 'high risk' };
const COMMANDS = { 'request-reading': 'Request reading', reset: 'Reset device' };
// The server answers every command, at the latest when its own wait runs out
// (DeviceRegistry.DEFAULT_COMMAND_TIMEOUT, 5 s); a page that hears nothing by then gives up.
const COMMAND_PATIENCE_MS = 15_000;

const container = document.getElementById('tiles');
const news2At = new Map();   // patient -> when the reading whose NEWS2 is shown was measured (ms)
const pending = new Map();   // requestId -> { patient, command, button, timer }
let access = null;           // { role, wards } of who is signed in
let requests = 0;

// Whose page this is: the role decides which command buttons show.
export function signedInAs(answer) {
  access = { role: answer.role, wards: answer.wards };
  container.querySelectorAll('.tile').forEach(prepare);
}

export function receive(message) {
  if (message.type === 'snapshot' && Array.isArray(message.readings)) {
    message.readings.forEach(showNews2);
  } else if (message.type === 'reading') {
    showNews2(message);
  } else if (message.type === 'command-result') {
    answered(message);
  }
}

function tileOf(patient) {
  return [...container.children].find(tile => tile.dataset.patient === patient) ?? null;
}

// The commands a user may send: a reading, the doctor for any patient and a nurse for the patients
// of her wards (the only ones the server sends her); a reset, doctors only. The server checks again.
function prepare(tile) {
  if (tile.dataset.preparedFor === access?.role) return; // once per tile: the tiles are a live region
  tile.dataset.preparedFor = access?.role;
  const mayRequest = access?.role === 'doctor' || access?.role === 'nurse';
  const mayReset = access?.role === 'doctor';
  tile.querySelector('[data-command="request-reading"]').hidden = !mayRequest;
  tile.querySelector('[data-command="reset"]').hidden = !mayReset;
  tile.querySelector('.commands').hidden = !mayRequest && !mayReset;
}

// Newest measurement wins, as for the values dashboard.js shows: an older reading (a replay, a
// device resending) leaves the NEWS2 of a newer one in place.
function showNews2(reading) {
  if (typeof reading?.patient !== 'string') return;
  const tile = tileOf(reading.patient);
  if (tile === null) return;
  prepare(tile);
  const measured = Number.isNaN(Date.parse(reading.time)) ? -Infinity : Date.parse(reading.time);
  if (measured < (news2At.get(reading.patient) ?? -Infinity)) return;
  news2At.set(reading.patient, measured);
  const { score, risk } = reading.news2 ?? {};
  const known = Number.isInteger(score) && score >= 0 && Object.hasOwn(RISKS, risk);
  const news2 = tile.querySelector('.news2');
  news2.dataset.risk = known ? risk : '';
  text(news2.querySelector('.news2-score'), known ? String(score) : '–');
  text(news2.querySelector('.news2-risk'), known ? RISKS[risk] : '');
}

function text(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

// --- commands ---

container.addEventListener('click', event => {
  const button = event.target.closest('button[data-command]');
  const tile = button?.closest('.tile');
  if (tile) ask(tile, button);
});

function ask(tile, button) {
  const patient = tile.dataset.patient;
  const command = button.dataset.command;
  const requestId = `r${++requests}`;
  if (!send({ type: 'command', requestId, patient, command })) {
    showResult(tile, command, 'not sent', 'the connection is not live; try again once it is');
    return;
  }
  button.disabled = true;
  showResult(tile, command, 'sent', 'waiting for the device…');
  const timer = setTimeout(() => {
    pending.delete(requestId);
    button.disabled = false;
    showResult(tile, command, 'no answer', 'the server did not answer; try again');
  }, COMMAND_PATIENCE_MS);
  pending.set(requestId, { patient, command, button, timer });
}

// The server's answer, to this session only. It goes on the tile of the patient the page asked
// about (the answer's own patient only if the page no longer knows the request, after a reload).
function answered(result) {
  const request = pending.get(result.requestId);
  if (request !== undefined) {
    pending.delete(result.requestId);
    clearTimeout(request.timer);
    request.button.disabled = false;
  }
  const tile = tileOf(request?.patient ?? result.patient);
  if (tile === null) return;
  showResult(tile, request?.command ?? result.command, String(result.outcome),
    typeof result.detail === 'string' ? result.detail : '');
}

// "Request reading: done — reading sent (10:42:07)": the outcome word stands alone, for the eye
// (its colour) and for a test.
function showResult(tile, command, outcome, detail) {
  const shown = tile.querySelector('.command-result');
  const name = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : String(command);
  const word = Object.assign(document.createElement('strong'), { className: 'outcome', textContent: outcome });
  word.dataset.outcome = outcome;
  const said = Object.assign(document.createElement('span'), { className: 'detail', textContent: detail });
  shown.dataset.command = String(command);
  shown.replaceChildren(`${name}: `, word, detail === '' ? '' : ' — ', said,
    ` (${new Date().toLocaleTimeString()})`);
  shown.hidden = false;
}
