// The ward dashboard: a tile per patient, a trend chart, and a stale mark. It does not connect:
// a connection script imports receive and setConnection and hands it every message from the
// server. Lab 3's is connection.js; Lab 4 serves a connection.js of its own and keeps this file.
// Messages are JSON with a "type" (see labs/protocol.md): a "snapshot" when we connect,
// then a "reading" each time any patient's device reports. An ES module: strict, and what it
// does not export stays its own.

// How many points a trend keeps: a minute of readings at one a second. A later lab that draws a
// longer trend raises it with keepTrendPoints (Lab 6 keeps the last hour, loaded from its record).
let trendPoints = 60;
const tiles = new Map();            // patient id -> { element, chart, measuredAt, lastHeardAt }
let staleAfterMs = 6000;            // the server says how long in its snapshot

const connection = document.getElementById('connection');
const container = document.getElementById('tiles');
const template = document.getElementById('tile-template');

// How the connection is doing, as the connection script sees it: a state (a CSS class) and its words.
export function setConnection(state, text) {
  connection.className = state;
  connection.textContent = text;
}

function tileFor(patient) {
  let tile = tiles.get(patient);
  if (!tile) {
    const element = template.content.firstElementChild.cloneNode(true);
    element.dataset.patient = patient;
    element.querySelector('.patient').textContent = patient;
    container.appendChild(element);
    document.getElementById('empty').hidden = true;
    // -Infinity: nothing shown yet, so the first reading is newer, and nothing heard yet.
    tile = { element, chart: newChart(element.querySelector('canvas')), measuredAt: -Infinity, lastHeardAt: -Infinity };
    tiles.set(patient, tile);
  }
  return tile;
}

function newChart(canvas) {
  if (!window.Chart) return null; // the page still works without charts
  return new Chart(canvas, {
    type: 'line',
    data: { labels: [], datasets: [
      { label: 'Pulse', data: [], borderColor: '#cf222e', pointRadius: 0, tension: .3 },
      { label: 'SpO₂', data: [], borderColor: '#0969da', pointRadius: 0, tension: .3 },
    ] },
    options: { animation: false, maintainAspectRatio: false,
      plugins: { legend: { labels: { boxWidth: 10, font: { size: 10 } } } }, scales: { x: { display: false } } },
  });
}

// When a reading was measured, in ms. Date.parse gives NaN for a time it cannot read (a year
// beyond 9999 such as "+10000-01-01T00:00:00Z", or "-0001-01-01T00:00:00Z"), and every comparison
// with NaN is false, which would lock a tile. So an unreadable time counts as older than any
// readable one: a readable reading always replaces it, and it never replaces a readable one.
function measuredAt(reading) {
  const ms = Date.parse(reading.time);
  return Number.isNaN(ms) ? -Infinity : ms;
}

// Newest measurement wins, as on the server: a reading replaces the one shown only if it was
// measured at the same time or later (on a tie the later arrival wins). An older one, such as a
// device resending after a reconnect, changes nothing: not the values, the chart or the freshness.
// heardAt: when we learnt of it. A live reading is news now; a snapshot reading is only as
// fresh as its measurement time, so a patient already silent is not shown as live on load.
function show(reading, heardAt = Date.now()) {
  const tile = tileFor(reading.patient);
  const measured = measuredAt(reading);
  if (measured < tile.measuredAt) {
    return;
  }
  tile.measuredAt = measured;
  tile.lastHeardAt = Math.max(tile.lastHeardAt, heardAt);
  const v = reading.vitals;
  const e = tile.element;
  e.querySelector('.pulse').textContent = v.heartRate.value;
  e.querySelector('.spo2').textContent = v.spo2.value;
  e.querySelector('.temp').textContent = v.temperature.value.toFixed(1);
  e.querySelector('.bp').textContent = `${v.bloodPressure.systolic}/${v.bloodPressure.diastolic}`;
  e.querySelector('.resp').textContent = v.respiratoryRate.value;
  e.querySelector('.time').textContent = measured === -Infinity
    ? 'measured at an unreadable time' : 'measured ' + new Date(measured).toLocaleTimeString();
  showFreshness(tile, Date.now());
  if (tile.chart) {
    const data = tile.chart.data;
    data.labels.push(reading.time);
    data.datasets[0].data.push(v.heartRate.value);
    data.datasets[1].data.push(v.spo2.value);
    if (data.labels.length > trendPoints) {
      data.labels.shift();
      data.datasets.forEach(set => set.data.shift());
    }
    tile.chart.update('none');
  }
}

// How many points each trend keeps from now on (a whole number, at least 1).
export function keepTrendPoints(points) {
  if (Number.isSafeInteger(points) && points > 0) trendPoints = points;
}

// Live or stale by when the values on screen reached this browser, on this browser's clock; a
// reading's own time may be wrong or unreadable. Writes only a change: the tiles are aria-live.
function showFreshness(tile, now) {
  const silentMs = now - tile.lastHeardAt;
  const stale = silentMs > staleAfterMs;
  const text = !stale ? 'live'
    : Number.isFinite(silentMs) ? `stale: no data for ${Math.round(silentMs / 1000)} s`
    : 'stale: age unknown'; // a snapshot reading whose time cannot be read
  tile.element.classList.toggle('stale', stale);
  const status = tile.element.querySelector('.status');
  if (status.textContent !== text) status.textContent = text;
}

function checkStale() {
  const now = Date.now();
  tiles.forEach(tile => showFreshness(tile, now));
}

// Handles one message from the server.
export function receive(message) {
  if (message.type === 'snapshot') {
    staleAfterMs = message.staleAfterMs;
    message.readings.forEach(reading => show(reading, Math.min(Date.now(), measuredAt(reading))));
  } else if (message.type === 'reading') {
    show(message);
  } else if (message.type === 'error') {
    console.warn('server says:', message.reason);
  }
}

setInterval(checkStale, 500);
