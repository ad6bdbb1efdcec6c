// Switchboard web console: plain JS, no build step. The credential lives in sessionStorage and travels only in
// the Authorization header; the live feed is NDJSON read with fetch() for that reason (EventSource sends no
// headers). Everything shown from the server goes in as text, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const KEY = 'switchboard-console-auth';
const LOG_ROWS = 1000; // the page keeps at most this many log rows, as the server keeps its ring
const CHART_POINTS = 60;

let auth = sessionStorage.getItem(KEY);
let session = null;
let appId = null;
let stream = null; // the AbortController of the open feed
let paused = false;
let held = []; // log entries that arrived while paused
let samples = [];

async function call(path, opts = {}) {
  const headers = Object.assign({ Authorization: auth }, opts.body ? { 'Content-Type': 'application/json' } : {});
  const res = await fetch('api/' + path, Object.assign({}, opts, { headers }));
  let body = null;
  try { body = await res.json(); } catch (e) { body = { error: res.statusText }; }
  if (!res.ok) {
    const err = new Error(body && body.error ? body.error : 'HTTP ' + res.status);
    err.status = res.status;
    throw err;
  }
  return body;
}

function text(el, value) { el.textContent = value == null ? '' : String(value); }

function cell(tr, value) { const td = document.createElement('td'); text(td, value); tr.appendChild(td); return td; }

// ---- login ---------------------------------------------------------------------------------------------

async function login(credential) {
  auth = credential;
  try {
    session = await call('session');
  } catch (e) {
    auth = null;
    sessionStorage.removeItem(KEY);
    text($('login-error'), e.status === 401 ? 'Wrong credential: ' + e.message : e.message);
    return;
  }
  sessionStorage.setItem(KEY, credential);
  text($('login-error'), '');
  $('login-view').hidden = true;
  $('nav').hidden = false;
  text($('who'), session.role === 'admin' ? 'admin' : 'app ' + session.app_id);
  document.querySelector('[data-view=apps]').hidden = session.role !== 'admin';
  addDialectTabs();
  await loadApps();
  show('live');
}

function logout() {
  closeStream();
  sessionStorage.removeItem(KEY);
  auth = null;
  session = null;
  location.reload();
}

$('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  login('Bearer ' + $('token').value.trim());
});
$('app-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const pair = $('app-key').value.trim() + ':' + $('app-secret').value;
  login('Basic ' + btoa(unescape(encodeURIComponent(pair))));
});
$('logout').addEventListener('click', logout);

// ---- views and apps ------------------------------------------------------------------------------------

let view = 'live';
function show(v) {
  view = v;
  for (const b of document.querySelectorAll('.tab')) b.setAttribute('aria-pressed', String(b.dataset.view === v));
  $('live-view').hidden = v !== 'live';
  $('apps-view').hidden = v !== 'apps';
  $('dialect-view').hidden = !v.startsWith('tab:');
  if (v === 'apps') renderApps();
  if (v.startsWith('tab:')) renderTab();
}
for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => show(b.dataset.view));

// a dialect's own tab (signaling topics, gateway connections): rows whose fields are the columns
function addDialectTabs() {
  const box = $('dialect-tabs');
  box.replaceChildren();
  for (const t of session.tabs || []) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'tab';
    b.dataset.view = 'tab:' + t.name;
    b.dataset.title = t.title;
    b.setAttribute('aria-pressed', 'false');
    text(b, t.title);
    b.addEventListener('click', () => show(b.dataset.view));
    box.appendChild(b);
  }
}

async function renderTab() {
  const name = view.slice(4);
  const tab = (session.tabs || []).find((t) => t.name === name);
  text($('dialect-title'), tab ? tab.title : name);
  let rows = [];
  try {
    rows = (await call('apps/' + encodeURIComponent(appId) + '/tabs/' + encodeURIComponent(name))).rows;
  } catch (e) {
    rows = [{ error: e.message }];
  }
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = $('dialect-rows').tHead.rows[0];
  head.replaceChildren();
  for (const c of cols) { const th = document.createElement('th'); text(th, c.replaceAll('_', ' ')); head.appendChild(th); }
  const body = $('dialect-rows').tBodies[0];
  body.replaceChildren();
  for (const r of rows) { const tr = body.insertRow(); for (const c of cols) cell(tr, r[c]); }
  $('dialect-empty').hidden = rows.length > 0;
}
setInterval(() => { if (view.startsWith('tab:') && appId) renderTab(); }, 2000);

let apps = [];
async function loadApps() {
  apps = (await call('apps')).apps;
  const sel = $('app-select');
  sel.replaceChildren();
  for (const a of apps) {
    const o = document.createElement('option');
    o.value = a.id;
    text(o, a.id + (a.enabled === false ? ' (disabled)' : ''));
    sel.appendChild(o);
  }
  if (apps.length && !apps.some((a) => a.id === appId)) selectApp(apps[0].id);
  sel.value = appId;
}
$('app-select').addEventListener('change', (ev) => selectApp(ev.target.value));

function selectApp(id) {
  appId = id;
  samples = [];
  held = [];
  $('log').tBodies[0].replaceChildren();
  $('members').hidden = true;
  openStream();
  loadChannels();
  if (view.startsWith('tab:')) renderTab();
}

// ---- live feed -----------------------------------------------------------------------------------------

function closeStream() {
  if (stream) stream.abort();
  stream = null;
}

async function openStream() {
  closeStream();
  const ctl = new AbortController();
  stream = ctl;
  text($('log-state'), 'connecting…');
  try {
    const res = await fetch('api/apps/' + encodeURIComponent(appId) + '/stream',
      { headers: { Authorization: auth }, signal: ctl.signal });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    text($('log-state'), 'live');
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line) onFeed(JSON.parse(line));
      }
    }
  } catch (e) {
    if (ctl.signal.aborted) return;
    text($('log-state'), 'feed lost (' + e.message + '), retrying…');
  }
  if (stream === ctl) setTimeout(() => { if (stream === ctl) openStream(); }, 2000);
}

function onFeed(m) {
  if (m.type === 'hello') return $('log').classList.toggle('clustered', !!m.node); // a Node column in a cluster
  if (m.type === 'stats') return onStats(m);
  if (m.type === 'gap') return addLog({ t: Date.now(), kind: 'gap', detail: m.missed + ' entries not shown' });
  if (m.type === 'log') {
    if (paused) {
      held.push(m);
      if (held.length > LOG_ROWS) held.shift();
      text($('log-state'), 'paused, ' + held.length + ' waiting');
    } else {
      addLog(m);
    }
    if (['subscribed', 'unsubscribed', 'disconnected'].includes(m.kind)) scheduleChannels();
  }
}

function onStats(s) {
  text($('s-connections'), s.connections);
  text($('s-channels'), s.channels);
  text($('s-members'), s.members);
  text($('s-in'), s.in_per_sec);
  text($('s-out'), s.out_per_sec);
  samples.push(s);
  if (samples.length > CHART_POINTS) samples.shift();
  drawChart();
}

function drawChart() {
  const svg = $('chart');
  const W = 600, H = 120, P = 4;
  const max = Math.max(1, ...samples.map((s) => Math.max(s.connections, s.in_per_sec, s.out_per_sec)));
  const line = (key, cls) => {
    const pts = samples.map((s, i) => { // the newest sample at the right edge, one step per second
      const x = W - ((samples.length - 1 - i) / (CHART_POINTS - 1)) * W;
      const y = H - P - (s[key] / max) * (H - 2 * P);
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
    const p = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    p.setAttribute('points', pts);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke-width', '2');
    p.setAttribute('stroke', cls);
    p.setAttribute('vector-effect', 'non-scaling-stroke');
    return p;
  };
  const grid = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  for (const [k, v] of [['x1', 0], ['x2', W], ['y1', H - P], ['y2', H - P], ['stroke', '#e3e6ea']]) grid.setAttribute(k, v);
  svg.replaceChildren(grid, line('connections', '#2f5bea'), line('in_per_sec', '#16a34a'),
    line('out_per_sec', '#d97706'));
  text($('chart-max'), 'max ' + max + ' · last ' + samples.length + ' s');
}

// ---- event log -----------------------------------------------------------------------------------------

function matches(m) {
  const ch = $('log-channel').value.trim();
  const ev = $('log-event').value.trim();
  return (!ch || (m.channel || '').includes(ch)) && (!ev || (m.event || '').includes(ev));
}

function details(m) {
  const parts = [];
  if (m.code) parts.push('code ' + m.code);
  if (m.detail) parts.push(m.detail);
  if (m.data != null) parts.push(m.data);
  return parts.join(' · ');
}

function addLog(m) {
  const body = $('log').tBodies[0];
  const tr = document.createElement('tr');
  tr.className = 'k-' + m.kind;
  tr.entry = m;
  tr.hidden = !matches(m);
  cell(tr, new Date(m.t).toLocaleTimeString([], { hour12: false }));
  cell(tr, (m.node || '').slice(0, 8)).className = 'node';
  cell(tr, m.kind.replace('_', ' '));
  cell(tr, m.socket_id || '');
  cell(tr, m.channel || '');
  cell(tr, m.event || '');
  cell(tr, details(m));
  body.insertBefore(tr, body.firstChild);
  while (body.rows.length > LOG_ROWS) body.deleteRow(body.rows.length - 1);
}

function refilter() {
  for (const tr of $('log').tBodies[0].rows) tr.hidden = !matches(tr.entry);
}
$('log-channel').addEventListener('input', refilter);
$('log-event').addEventListener('input', refilter);
$('log-clear').addEventListener('click', () => { $('log').tBodies[0].replaceChildren(); held = []; });
$('log-pause').addEventListener('click', (ev) => {
  paused = !paused;
  ev.target.setAttribute('aria-pressed', String(paused));
  text(ev.target, paused ? 'Resume' : 'Pause');
  if (!paused) {
    held.forEach(addLog);
    held = [];
    text($('log-state'), 'live');
  }
});

// ---- channels and presence -----------------------------------------------------------------------------

let channelTimer = null;
function scheduleChannels() {
  if (!channelTimer) channelTimer = setTimeout(() => { channelTimer = null; loadChannels(); }, 300);
}

async function loadChannels() {
  if (!appId) return;
  const body = $('channels').tBodies[0];
  let res;
  try {
    res = await call('apps/' + encodeURIComponent(appId) + '/channels');
  } catch (e) {
    body.replaceChildren();
    cell(body.insertRow(), e.message);
    return;
  }
  body.replaceChildren();
  const filter = $('channel-filter').value.trim();
  for (const [name, info] of Object.entries(res.channels).sort()) {
    if (filter && !name.includes(filter)) continue;
    const tr = body.insertRow();
    tr.dataset.channel = name;
    cell(tr, name);
    cell(tr, info.subscription_count);
    tr.addEventListener('click', () => pickChannel(name));
  }
}
$('channel-filter').addEventListener('input', loadChannels);
$('channels-refresh').addEventListener('click', loadChannels);

async function pickChannel(name) {
  $('ev-channel').value = name;
  const box = $('members');
  if (!name.startsWith('presence-')) { box.hidden = true; return; }
  const res = await call('apps/' + encodeURIComponent(appId) + '/channels/' + encodeURIComponent(name) + '/users');
  text($('members-channel'), name);
  const ul = box.querySelector('ul');
  ul.replaceChildren();
  for (const u of res.users) { const li = document.createElement('li'); text(li, u.id); ul.appendChild(li); }
  box.hidden = false;
}

// ---- send an event (the HTTP API's /events, run by the server) -----------------------------------------

$('event-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = $('ev-result');
  const body = { name: $('ev-name').value.trim(), channel: $('ev-channel').value.trim(), data: $('ev-data').value };
  try {
    await call('apps/' + encodeURIComponent(appId) + '/events', { method: 'POST', body: JSON.stringify(body) });
    out.className = 'ok';
    text(out, 'sent');
  } catch (e) {
    out.className = 'bad';
    text(out, e.message);
  }
});

// ---- app management (admin) ----------------------------------------------------------------------------

let editing = null;
async function renderApps() {
  await loadApps();
  text($('store'), 'store: ' + session.store);
  text($('store-note'), session.store_writable ? 'Changes are written to the app store, as switchboard apps does.'
    : 'The memory app store is read-only here: edit app_manager.array.apps in the config file.');
  const body = $('apps').tBodies[0];
  body.replaceChildren();
  for (const a of apps) {
    const tr = body.insertRow();
    cell(tr, a.id);
    cell(tr, a.key);
    cell(tr, a.enabled === false ? 'no' : 'yes');
    const td = cell(tr, '');
    if (!session.store_writable) continue;
    const btn = (label, fn) => {
      const b = document.createElement('button');
      b.type = 'button';
      text(b, label);
      b.addEventListener('click', fn);
      td.appendChild(b);
    };
    btn('Edit', () => edit(a));
    btn(a.enabled === false ? 'Enable' : 'Disable', () => change(a.id, { enabled: a.enabled === false }));
    btn('Rotate secret', () => appCall('apps/' + encodeURIComponent(a.id) + '/rotate_secret', 'POST', {},
      (r) => 'new secret: ' + r.secret));
    btn('Delete', () => confirm('Delete app ' + a.id + '?') && appCall('apps/' + encodeURIComponent(a.id),
      'DELETE', null, () => 'deleted ' + a.id));
  }
  $('app-editor').hidden = !session.store_writable;
  if (session.store_writable && !editing) edit(null);
}

function edit(a) {
  editing = a;
  text($('editor-title'), a ? 'Edit app ' + a.id : 'New app');
  text($('ed-save'), a ? 'Save' : 'Create');
  $('ed-id').value = a ? a.id : '';
  $('ed-id').disabled = !!a;
  $('ed-key').value = a ? a.key : '';
  $('ed-enabled').checked = !a || a.enabled !== false;
  $('ed-client').checked = !!(a && a.enable_client_messages);
  $('ed-max').value = a && a.max_connections != null ? a.max_connections : '';
}

function change(id, fields) {
  appCall('apps/' + encodeURIComponent(id), 'PUT', fields, () => 'saved ' + id);
}

async function appCall(path, method, body, say) {
  const out = $('ed-result');
  try {
    const r = await call(path, { method, body: body == null ? undefined : JSON.stringify(body) });
    out.className = 'ok';
    text(out, say(r));
    editing = null;
    await renderApps();
  } catch (e) {
    out.className = 'bad';
    text(out, e.message);
  }
}

$('app-edit-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const def = { enabled: $('ed-enabled').checked, enable_client_messages: $('ed-client').checked };
  if ($('ed-key').value.trim()) def.key = $('ed-key').value.trim();
  if ($('ed-max').value !== '') def.max_connections = Number($('ed-max').value);
  if (editing) {
    change(editing.id, def);
  } else {
    if ($('ed-id').value.trim()) def.id = $('ed-id').value.trim();
    appCall('apps', 'POST', def, (r) => 'created ' + r.id + ' (key ' + r.key + ', secret ' + r.secret + ')');
  }
});

if (auth) login(auth);
