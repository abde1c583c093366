// Lab 4's connection: it keeps the dashboard connected through outages and loses no reading on
// the way, by the rules of Lab 4's Java client (ReconnectingClient): notice a dead connection by its
// silence, come back with backoff and full jitter, and resume the stream where it left off.
// Lab 3's page, unchanged, loads it: Lab 4's folder is served before Lab 3's, so this file takes
// the place of Lab 3's connection.js, and it feeds the same dashboard.js.
//
// It connects as soon as it loads, unless the page says <body data-connect="manual">: then the page
// imports it and calls start(options) and stop() itself. That is how a later lab reuses it rather
// than copying it (Lab 5's page signs in first, and needs a ticket for every attempt). A page that
// has messages of its own (Lab 5's alerts and command answers) also calls listen(handler) and send(message).
import { receive as draw, setConnection } from './dashboard.js';

// Backoff.DEFAULT: the first retry waits up to half a second, each next one up to twice as long as
// the one before, never more than 30 s; the wait is drawn between 0 and that ceiling (full jitter).
const INITIAL_BACKOFF_MS = 500;
const BACKOFF_CAP_MS = 30_000;
// ReconnectingClient.DEFAULT_STABLE_AFTER: a connection that stayed up this long ended the outage,
// so the next loss starts again at retry 1.
const STABLE_AFTER_MS = 10_000;
// ReconnectingClient.MISSED_HEARTBEATS: this many heartbeat intervals without a message, and the
// connection is taken for dead.
const MISSED_HEARTBEATS = 3;
// The interval assumed until the server says its own (ResumeSettings.DEFAULT_HEARTBEAT_INTERVAL),
// and what the server may say: an interval outside this range is not believed.
const ASSUMED_HEARTBEAT_MS = 5_000;
const MIN_HEARTBEAT_MS = 10;
const MAX_HEARTBEAT_MS = 600_000;
// How long the notice of readings that could not be recovered stays. A later resume does not fill
// that gap, so it does not hide the notice; a new gap shows its own reason for a minute again.
const NOTICE_MS = 60_000;
// ResumeRequest's rule for an epoch: 1 to 64 letters, digits, - or _.
const EPOCH = /^[A-Za-z0-9_-]{1,64}$/;

// What Lab 4 shows in addition to Lab 3's page is added here, so the page itself is not copied:
// its stylesheet, a banner (while the connection is down, when the next attempt comes; not a live
// region, so a screen reader is not read a countdown every second) and a notice (readings were
// missed and could not be sent again: the charts have a gap).
document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'reconnect.css' }));
const banner = Object.assign(document.createElement('p'), { id: 'banner', hidden: true });
const notice = Object.assign(document.createElement('p'), { id: 'notice', hidden: true });
notice.setAttribute('role', 'alert');
document.querySelector('header').after(banner, notice);

let socket = null;        // the connection being made or open; null while a retry waits
let openedAt = null;      // when it opened (performance.now()), null before
let lastHeardAt = 0;      // when it last received anything, or when the attempt started
let attempt = 0;          // retries since the last stable connection
let epoch = null;         // where the stream stands, once a snapshot has said so
let lastSeq = 0;
let heartbeatMs = ASSUMED_HEARTBEAT_MS;
let watchdog, countdown, noticeTimer, retryTimer;
// What start() was given; {} is Lab 4's own page. run counts start() and stop() calls, so an attempt
// that was waiting for its ticket can tell that the page stopped (or started again) meanwhile.
let options = {};
let run = 0;
let listener = null;      // the page's own handler, if it gave one with listen()

// The first URL asks for a snapshot; once the page knows the stream's position, each asks for
// what came after it. A ticket, when the page gives one, goes in front.
function url(ticket) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = new URLSearchParams();
  if (ticket !== undefined) query.set('ticket', ticket);
  if (epoch !== null) {
    query.set('epoch', epoch);
    query.set('lastSeq', lastSeq);
  }
  const search = query.toString();
  return `${scheme}://${location.host}/ws${search === '' ? '' : '?' + search}`;
}

// Without a ticket option, the socket is made at once, as it always was. With one, each attempt
// asks for a fresh ticket first (a ticket is good for one handshake only); an attempt whose ticket
// does not come counts as a failed attempt, and the backoff goes on, unless the page stopped us.
async function connect() {
  clearTimeout(countdown);
  if (attempt > 0) showBanner('reconnecting…');
  let ticket;
  if (options.ticket) {
    const asked = run;
    try {
      ticket = await options.ticket();
    } catch (error) {
      if (asked !== run) return;
      console.info('no ticket:', error.message);
      retry();
      return;
    }
    if (asked !== run) return; // stop() came while the ticket was on its way
  }
  const current = new WebSocket(url(ticket));
  socket = current;
  openedAt = null;
  lastHeardAt = performance.now(); // an attempt that hangs is cut by the silence check too
  current.onopen = () => { openedAt = lastHeardAt = performance.now(); };
  current.onmessage = event => received(current, JSON.parse(event.data));
  current.onclose = event => closed(current, event);
}

// The page hears every close first (Lab 5's server closes with 1008 "token expired" when the
// sign-in ends): if it calls stop(), there is no retry.
function closed(current, event) {
  if (current !== socket) return;
  options.onClosed?.(event.code, event.reason);
  lost(current, `closed (${event.code})`);
}

function received(current, message) {
  if (current !== socket) return;
  lastHeardAt = performance.now();
  if (message.type === 'snapshot') {
    snapshot(current, message);
  } else if (message.type === 'recovery') {
    recovery(current, message);
  } else if (message.type === 'reading' || message.seq !== undefined) {
    // A reading, or another message of the numbered stream (Lab 5's alerts): the same rules for both.
    reading(current, message);
  } else if (message.type !== 'heartbeat') { // a heartbeat has said all it says by arriving
    receive(message); // an error: Lab 3's dashboard logs it (and Lab 5's page hears its own messages)
  }
}

// What the connection passes on goes to Lab 3's dashboard.js, which draws readings and leaves
// alone what it does not know, then to the page's own handler, if any. A handler that throws is
// logged and the stream goes on: one bad message must not stop a replay half-way.
function receive(message) {
  draw(message);
  if (listener === null) return;
  try {
    listener(message);
  } catch (error) {
    console.error('the page could not handle a message:', error);
  }
}

function snapshot(current, message) {
  // Where the server says the stream stands is checked like any input: a bad epoch would be sent
  // back in every later URL. The server sends a snapshot in order with its readings, so its number
  // is the position, as it is.
  if (!EPOCH.test(String(message.epoch)) || !Number.isSafeInteger(message.seq) || message.seq < 0) {
    epoch = null; // start afresh
    lastSeq = 0;
    lost(current, 'the server sent a stream position that is not valid');
    return;
  }
  lastSeq = message.seq;
  epoch = message.epoch;
  heartbeatIs(message.heartbeatMs);
  receive(message);
  nowLive();
}

function recovery(current, message) {
  if (!message.recovered) {
    showNotice(`Readings were missed and could not be recovered: ${message.reason}`);
    return; // the snapshot that follows sets the position
  }
  heartbeatIs(message.heartbeatMs);
  // In order, and through the same checks as live readings: each one is a point on its patient's
  // chart, so the trend has no hole where the connection was down.
  for (const missed of message.missed) {
    reading(current, missed);
    if (current !== socket) return; // the replay itself had a gap: another resume is under way
  }
  nowLive();
}

// Each number once, in order. One already seen is dropped (replayed, or it overtook our join); one
// that skips a number means a reading was lost, and a resume repairs that. Unless the page said
// gapsAllowed: a stream that leaves out what this user may not see skips numbers by design.
// Whatever else the stream numbers (Lab 5's alerts) comes through here too, by the same rules.
function reading(current, message) {
  if (!Number.isSafeInteger(message.seq) || message.seq <= lastSeq) return;
  if (message.seq !== lastSeq + 1 && !options.gapsAllowed) {
    lost(current, `sequence gap: expected ${lastSeq + 1}, got ${message.seq}`);
    return;
  }
  lastSeq = message.seq;
  receive(message);
}

function heartbeatIs(ms) {
  const said = ms >= MIN_HEARTBEAT_MS && ms <= MAX_HEARTBEAT_MS ? ms : ASSUMED_HEARTBEAT_MS;
  if (said !== heartbeatMs) {
    heartbeatMs = said;
    watch();
  }
}

// The browser answers the server's pings by itself, and the page never sees them: it listens for
// the heartbeat messages instead. Silence for MISSED_HEARTBEATS intervals means the connection is
// dead, even if TCP has not noticed (a half-open connection never closes by itself).
function watch() {
  clearInterval(watchdog);
  watchdog = setInterval(checkSilence, heartbeatMs);
}

function checkSilence() {
  const silentMs = performance.now() - lastHeardAt;
  if (socket !== null && silentMs > MISSED_HEARTBEATS * heartbeatMs) {
    lost(socket, `silent for ${Math.round(silentMs)} ms (${MISSED_HEARTBEATS} heartbeats of ${heartbeatMs} ms)`);
  }
}

// The connection is gone, or given up on: stop listening to it, close it without waiting for the
// closing handshake (a dead connection never answers), and schedule the next attempt.
function lost(current, reason) {
  if (current !== socket) return; // the last words of a connection already given up on
  socket = null;
  current.onopen = current.onmessage = current.onclose = null;
  current.close();
  if (openedAt !== null && performance.now() - openedAt >= STABLE_AFTER_MS) {
    attempt = 0; // it stayed up: this is a new outage, not the same one going on
  }
  console.info('connection lost:', reason);
  retry();
}

function retry() {
  attempt++;
  // Doubling stops long before 2^16: the cap is reached at the 7th retry.
  const ceiling = Math.min(INITIAL_BACKOFF_MS * 2 ** Math.min(attempt - 1, 16), BACKOFF_CAP_MS);
  const wait = Math.floor(Math.random() * (ceiling + 1)); // full jitter: anything from 0 to the ceiling
  setConnection('reconnecting', 'reconnecting');
  countDown(performance.now() + wait);
  retryTimer = setTimeout(connect, wait);
}

// The banner shows the whole seconds left until the next attempt, and changes when they do.
function countDown(due) {
  const left = due - performance.now();
  if (left > 0) {
    showBanner(`connection lost — reconnecting in ${Math.ceil(left / 1000)} s (attempt ${attempt})`);
    countdown = setTimeout(() => countDown(due), left % 1000 || 1000);
  }
}

function nowLive() {
  clearTimeout(countdown);
  banner.hidden = true;
  setConnection('live', 'live');
}

// Writes only a change, so an observer of the page sees each text once.
function showBanner(text) {
  if (banner.textContent !== text) banner.textContent = text;
  banner.hidden = false;
}

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, NOTICE_MS);
}

// Connects, and keeps connected until stop(). The options (all optional):
//   ticket: async () => string   asked before every attempt; sent as ?ticket=. If it throws, the
//                                attempt failed and the backoff goes on (the page may stop() first).
//   gapsAllowed: true            a skipped seq is not a lost reading (only seq <= lastSeq is dropped)
//   onClosed(code, reason)       told of every close; calling stop() in it means no retry
// The stream position is kept across stop() and start(): the next start() resumes where this ended.
export function start(given = {}) {
  stop();
  options = given;
  watch();
  connect();
}

// The page's own handler: it is given every message the connection passes on (the snapshot, each
// reading once and in order, every other numbered message the same way, and the rest as they come),
// after Lab 3's dashboard.js has seen it. One handler; it stays across stop() and start().
export function listen(handler) {
  listener = handler;
}

// Sends a message to the server on the open connection. False when there is none (connecting, or
// waiting to retry): the page says so, rather than the message waiting to go out later.
export function send(message) {
  if (socket === null || openedAt === null || socket.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(message));
  return true;
}

// Closes the connection, if any, and makes no more attempts until start().
export function stop() {
  run++;
  clearTimeout(retryTimer);
  clearTimeout(countdown);
  clearInterval(watchdog);
  banner.hidden = true;
  attempt = 0;
  const current = socket;
  socket = null;
  if (current !== null) {
    current.onopen = current.onmessage = current.onclose = null;
    current.close(1000); // a normal close: the user is leaving, nothing went wrong
  }
}

if (document.body.dataset.connect !== 'manual') {
  start();
}
