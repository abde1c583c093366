// The ward dashboard: one WebSocket, a tile per patient, a trend chart, and a stale mark.
// Messages are JSON with a "type" (see labs/protocol.md): a "snapshot" when we connect,
// then a "reading" each time any patient's device reports.
'use strict';

const TREND_POINTS = 60;
const tiles = new Map();            // patient id -> { element, chart, lastHeardAt }
let staleAfterMs = 6000;            // the server says how long in its snapshot

const connection = document.getElementById('connection');
const container = document.getElementById('tiles');
const template = document.getElementById('tile-template');

function setConnection(state, text) {
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
    tile = { element, chart: newChart(element.querySelector('canvas')), lastHeardAt: 0 };
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

// heardAt: when we learnt of it. A live reading is news now; a snapshot reading is only as
// fresh as its measurement time, so a patient already silent is not shown as live on load.
function show(reading, heardAt = Date.now()) {
  const tile = tileFor(reading.patient);
  tile.lastHeardAt = Math.max(tile.lastHeardAt, heardAt);
  if (tile.latestTime && Date.parse(reading.time) < Date.parse(tile.latestTime)) {
    return; // an older reading arriving after a newer one (snapshot and stream crossing): keep the newer
  }
  tile.latestTime = reading.time;
  const v = reading.vitals;
  const e = tile.element;
  e.querySelector('.pulse').textContent = v.heartRate.value;
  e.querySelector('.spo2').textContent = v.spo2.value;
  e.querySelector('.temp').textContent = v.temperature.value.toFixed(1);
  e.querySelector('.bp').textContent = `${v.bloodPressure.systolic}/${v.bloodPressure.diastolic}`;
  e.querySelector('.resp').textContent = v.respiratoryRate.value;
  e.querySelector('.time').textContent = 'measured ' + new Date(reading.time).toLocaleTimeString();
  if (Date.now() - tile.lastHeardAt <= staleAfterMs) {
    markFresh(tile);
  }
  if (tile.chart) {
    const data = tile.chart.data;
    data.labels.push(reading.time);
    data.datasets[0].data.push(v.heartRate.value);
    data.datasets[1].data.push(v.spo2.value);
    if (data.labels.length > TREND_POINTS) {
      data.labels.shift();
      data.datasets.forEach(set => set.data.shift());
    }
    tile.chart.update('none');
  }
}

function markFresh(tile) {
  tile.element.classList.remove('stale');
  tile.element.querySelector('.status').textContent = 'live';
}

function checkStale() {
  const now = Date.now();
  for (const tile of tiles.values()) {
    const silentMs = now - tile.lastHeardAt;
    if (silentMs > staleAfterMs) {
      tile.element.classList.add('stale');
      tile.element.querySelector('.status').textContent = `stale: no data for ${Math.round(silentMs / 1000)} s`;
    }
  }
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws`);
  socket.onopen = () => setConnection('live', 'live');
  socket.onclose = event => setConnection('disconnected', `disconnected (${event.code})`);
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.type === 'snapshot') {
      staleAfterMs = message.staleAfterMs;
      message.readings.forEach(reading => show(reading, Math.min(Date.now(), Date.parse(reading.time))));
      checkStale();
    } else if (message.type === 'reading') {
      show(message);
    } else if (message.type === 'error') {
      console.warn('server says:', message.reason);
    }
  };
}

setInterval(checkStale, 500);
connect();
