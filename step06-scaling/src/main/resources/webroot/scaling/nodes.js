// Lab 6's Nodes panel on the admin's operations view: each node of the cluster, whether it is up,
// how many dashboards it holds, how many messages it delivers per second, how far behind the
// backplane it runs, and when it last reported. Lab 5's security.js shows and hides the operations
// view; this script adds its panel there and asks for the nodes while the view is shown.
//
//   GET /api/admin/nodes   Authorization: Bearer <token> (admins) -> [{node, address, state, ...}]
//
// Whichever node the page is connected to answers for all of them: the nodes report to a shared
// directory (in Redis) every two seconds. A node that stopped reporting is shown as "gone" for a
// minute, then forgotten. Like security.js, every value from the server is set with textContent.

// How often the panel asks again (the nodes report every 2 s), and how long a request may take.
const NODES_REFRESH_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;
// Where security.js keeps the sign-in (sessionStorage, the tab's): this panel reads the token there.
const STORED = 'live-vitals.sign-in';
const COLUMNS = ['Node', 'Address', 'State', 'Sessions', 'Deliveries/s', 'Backplane lag', 'Last seen'];

const operations = document.getElementById('operations');
const { status, rows } = buildPanel();
let timer = null;   // the next refresh, while the view is shown
let asking = false; // a request on its way: never two at once

// The panel goes first in the operations view, under its status line: whether the cluster is whole
// is the first thing an operator looks for.
function buildPanel() {
  const panel = document.createElement('div');
  panel.id = 'nodes-panel';
  const title = document.createElement('h3');
  title.textContent = 'Nodes';
  const status = document.createElement('p');
  status.id = 'nodes-status';
  status.setAttribute('role', 'status');
  // Looks like Lab 5's status line (#operations-status in security.css), without a stylesheet of its own.
  Object.assign(status.style, { color: '#59636e', fontSize: '.85rem' });
  const table = document.createElement('table');
  table.id = 'nodes';
  const header = table.createTHead().insertRow();
  for (const name of COLUMNS) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = name;
    header.append(cell);
  }
  const rows = table.createTBody();
  panel.append(title, status, table);
  document.getElementById('operations-status').after(panel);
  return { panel, status, rows };
}

function token() {
  try {
    const signIn = JSON.parse(sessionStorage.getItem(STORED));
    return signIn?.role === 'admin' && typeof signIn.token === 'string' ? signIn.token : null;
  } catch {
    return null;
  }
}

async function refresh() {
  timer = null;
  const bearer = token();
  if (operations.hidden || asking || bearer === null) return; // the observer starts it again when shown
  asking = true;
  try {
    const response = await fetch('/api/admin/nodes', { headers: { Authorization: `Bearer ${bearer}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const answer = await response.json().catch(() => null);
    if (operations.hidden) return; // signed out while asking: show nothing
    if (response.ok && Array.isArray(answer)) {
      show(answer);
      const gone = answer.filter(node => node.state !== 'up').length;
      status.textContent = `${answer.length - gone} up` + (gone ? `, ${gone} gone` : '')
        + ` · updated ${new Date().toLocaleTimeString()}`;
    } else {
      // 401: the sign-in expired (security.js asks for a new one); 503: the directory (Redis) is away.
      status.textContent = `Could not list the nodes: ${answer?.reason ?? `HTTP ${response.status}`}`;
    }
  } catch (error) {
    status.textContent = `Could not list the nodes: ${error.message}`;
  } finally {
    asking = false;
  }
  if (!operations.hidden && timer === null) timer = setTimeout(refresh, NODES_REFRESH_MS);
}

function show(nodes) {
  rows.replaceChildren(...nodes.map(node => {
    const row = document.createElement('tr');
    row.dataset.state = node.state;
    const cells = [node.node, node.address, node.state, node.sessions, number(node.deliveriesPerSecond),
      `${number(node.backplaneLagMs)} ms`, ago(node.lastSeen)];
    for (const value of cells) {
      const cell = document.createElement('td');
      cell.textContent = value ?? '–';
      row.append(cell);
    }
    if (node.state !== 'up') row.style.opacity = '0.55'; // in words too: the State column says "gone"
    return row;
  }));
}

function number(value) {
  return typeof value === 'number' ? value.toFixed(1) : null;
}

function ago(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const seconds = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return `${seconds} s ago`;
}

// Asks while the operations view is shown, stops when security.js hides it (sign-out, expiry).
function follow() {
  if (operations.hidden) {
    clearTimeout(timer);
    timer = null;
    rows.replaceChildren();
    status.textContent = '';
  } else if (timer === null && !asking) {
    refresh();
  }
}

new MutationObserver(follow).observe(operations, { attributes: true, attributeFilter: ['hidden'] });
follow();
