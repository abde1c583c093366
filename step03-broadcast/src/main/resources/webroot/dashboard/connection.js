// Lab 3's connection: one WebSocket, opened once, that hands every message to the dashboard.
// When it closes, the page says so and stays so; Lab 4 serves a connection.js of its own in its place.
import { receive, setConnection } from './dashboard.js';

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws`);
  socket.onopen = () => setConnection('live', 'live');
  socket.onclose = event => setConnection('disconnected', `disconnected (${event.code})`);
  socket.onmessage = event => receive(JSON.parse(event.data));
}

connect();
