// Lab 6's trend: each patient's chart starts with the last hour from the record (PostgreSQL), then
// goes on live. Lab 3's dashboard.js draws the tiles and pushes each live reading onto its chart;
// this script puts the hour in front of what it has drawn, once per tile, when the tile appears.
//
//   GET /api/patients/{id}/history   Authorization: Bearer <token> (doctors and nurses)
//     -> {"patient":"P001","bucketSeconds":10,"points":[{"time":"...Z","heartRate":80,"spo2":96,...}, ...]}
//
// With no from and to the server answers the last hour, oldest first, in buckets: a point's time is
// its bucket's start and its values are the bucket's averages (bucketSeconds 0: raw readings).
// A tile appears with its first live reading (the snapshot's, or the stream's), and more may come
// while the hour is on its way, so only what was measured before the chart's first point goes in
// front: a reading is never drawn twice, and the chart stays in time order.
// No record (a server without one), a refusal or a failure leaves the live chart as it is, with a
// quiet note on the tile. An admin has no tiles (admins see no vitals) and asks for nothing.
import { keepTrendPoints } from './dashboard.js';

// The trend shows the last hour: what the server answers without from and to.
const TREND_WINDOW_MS = 60 * 60 * 1000;
// And never more than this many points (nothing grows without a bound): an hour of live readings at
// one a second, plus what the record gives for the hour (HistoryQuery.MAX_POINTS, about 500).
const TREND_POINTS = 3_600 + 600;
const REQUEST_TIMEOUT_MS = 10_000;
// Where security.js keeps the sign-in (sessionStorage, the tab's): the token is read there.
const STORED = 'live-vitals.sign-in';
const LOADS_HISTORY = ['doctor', 'nurse'];

const container = document.getElementById('tiles');

// Trims every trend to the hour before its newest point, before it is drawn. A plugin sees every
// chart dashboard.js makes and every update it asks for, without a change to dashboard.js. The hour
// is counted on the readings' clock, not this browser's: a browser whose clock is off by minutes
// still shows the hour the server sent. The points are in time order, so the old ones are at the
// front; a time the browser cannot read is left alone.
function keepLastHour(chart) {
  const data = chart.data;
  let newest = NaN; // from the end: on every reading, only the last point is looked at
  for (let i = data.labels.length - 1; i >= 0 && Number.isNaN(newest); i--) newest = Date.parse(data.labels[i]);
  if (Number.isNaN(newest)) return;
  const since = newest - TREND_WINDOW_MS;
  let old = 0;
  while (old < data.labels.length && Date.parse(data.labels[old]) < since) old++;
  if (old > 0) {
    data.labels.splice(0, old);
    data.datasets.forEach(set => set.data.splice(0, old));
  }
}

function signIn() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORED));
    return typeof stored?.token === 'string' && LOADS_HISTORY.includes(stored.role) ? stored : null;
  } catch {
    return null;
  }
}

function chartOf(tile) {
  const canvas = tile.querySelector('canvas');
  return canvas ? window.Chart?.getChart(canvas) ?? null : null;
}

// Once per tile: a tile stays on the page until it is reloaded (Lab 5 reloads for another user).
async function load(tile) {
  const patient = tile.dataset.patient;
  const who = signIn();
  if (tile.dataset.history || typeof patient !== 'string' || who === null || chartOf(tile) === null) return;
  tile.dataset.history = 'loading';
  try {
    const response = await fetch(`/api/patients/${encodeURIComponent(patient)}/history`, {
      headers: { Authorization: `Bearer ${who.token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const answer = await response.json().catch(() => null);
    if (!response.ok) throw new Error(typeof answer?.reason === 'string' ? answer.reason : `HTTP ${response.status}`);
    if (answer?.patient !== patient || !Array.isArray(answer.points)
        || !Number.isSafeInteger(answer.bucketSeconds) || answer.bucketSeconds < 0) {
      throw new Error('the answer is not a history of this patient');
    }
    const added = putInFront(chartOf(tile), answer.points, answer.bucketSeconds * 1000);
    tile.dataset.history = 'loaded';
    tile.dataset.historyPoints = String(added);
  } catch (error) {
    tile.dataset.history = 'failed';
    console.info(`the last hour of ${patient} could not be loaded:`, error.message);
    note(tile, 'Trend: live only (the last hour could not be loaded)');
  }
}

// Puts the history in front of the chart's points, oldest first; returns how many went in. A point
// goes in only if its whole bucket ended by the chart's first point (a raw reading: if it was
// measured before it): a bucket that reaches further holds readings the chart already has.
function putInFront(chart, points, bucketMs) {
  if (chart === null) return 0;
  const data = chart.data;
  const first = data.labels.map(label => Date.parse(label)).find(ms => !Number.isNaN(ms)) ?? Infinity;
  const earlier = [];
  let last = -Infinity;
  for (const point of points) {
    const start = Date.parse(point?.time);
    if (Number.isNaN(start) || start <= last || !Number.isFinite(point.heartRate) || !Number.isFinite(point.spo2)) {
      continue; // unreadable, or out of order: left out rather than drawn in the wrong place
    }
    const before = bucketMs > 0 ? start + bucketMs <= first : start < first;
    if (!before) break; // oldest first: the rest are later still
    earlier.push(point);
    last = start;
  }
  const room = Math.max(0, TREND_POINTS - data.labels.length);
  const kept = earlier.slice(Math.max(0, earlier.length - room));
  if (kept.length === 0) return 0;
  data.labels.unshift(...kept.map(point => point.time));
  data.datasets[0].data.unshift(...kept.map(point => point.heartRate));
  // A bucket's lowest SpO2, not its average: a dip of twenty seconds must show on a ten-minute trend.
  data.datasets[1].data.unshift(...kept.map(point => Number.isFinite(point.spo2Min) ? point.spo2Min : point.spo2));
  chart.update('none');
  return kept.length;
}

// Small and grey under the chart, like the tile's "measured" line: the values and the live chart
// above it are what matter.
function note(tile, text) {
  let shown = tile.querySelector('.history-note');
  if (shown === null) {
    shown = Object.assign(document.createElement('p'), { className: 'history-note' });
    Object.assign(shown.style, { margin: '.25rem 0 0', fontSize: '.75rem', color: '#59636e' });
    tile.querySelector('.chart')?.after(shown);
  }
  shown.textContent = text;
}

function loadNewTiles(changes) {
  for (const change of changes) {
    change.addedNodes.forEach(node => {
      if (node instanceof HTMLElement && node.classList.contains('tile')) load(node);
    });
  }
}

if (window.Chart && container !== null) { // without Chart.js the page has no charts to fill
  keepTrendPoints(TREND_POINTS);
  Chart.register({ id: 'live-vitals-last-hour', beforeUpdate: keepLastHour });
  new MutationObserver(loadNewTiles).observe(container, { childList: true });
  container.querySelectorAll('.tile').forEach(load);
}
