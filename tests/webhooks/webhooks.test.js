// Starts the real Switchboard jar with webhooks pointed at a Node receiver, drives it over a raw Pusher
// WebSocket, and checks every webhook with the `pusher` SDK's validator: pusher.webhook(request).isValid(),
// plus JSON.stringify(JSON.parse(body)) === body (no optional escaping).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const WebSocket = require('ws');
const Pusher = require('pusher');

const APP = { appId: 'app-id', key: 'app-key', secret: 'app-secret' };
const ROOT = path.resolve(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A webhook receiver: records each request with the SDK's verdict. */
function startReceiver(pusher) {
  const requests = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const webhook = pusher.webhook({ headers: req.headers, rawBody });
      const entry = { rawBody, valid: webhook.isValid(), events: webhook.isValid() ? webhook.getEvents() : [] };
      requests.push(entry);
      res.writeHead(200).end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  const awaitEvent = (pred, ms = 15000) => new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('no matching webhook event')), ms);
    const check = () => {
      for (const r of requests) {
        const e = r.events.find(pred);
        if (e) {
          clearTimeout(deadline);
          resolve(e);
          return;
        }
      }
      waiters.push(check);
    };
    check();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, requests, awaitEvent })));
}

async function startSwitchboard(port, hookUrl) {
  const config = {
    host: '127.0.0.1', port, event_loops: 1, shutdown_grace_period_ms: 500,
    metrics: { enabled: false },
    app_manager: { driver: 'memory', array: { apps: [{
      id: APP.appId, key: APP.key, secret: APP.secret, enable_client_messages: true,
      webhooks: [{ url: hookUrl, event_types: ['channel_occupied', 'channel_vacated', 'member_added',
        'member_removed', 'client_event', 'cache_miss', 'subscription_count'] }],
    }] } },
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-webhooks-')), 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  const child = spawn(path.join(ROOT, 'bin', 'switchboard'), ['start', '--config', file],
    { stdio: 'inherit', env: { ...process.env, SWITCHBOARD_METRICS_PORT: '0' } });
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const up = await new Promise((resolve) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => { res.resume(); resolve(res.statusCode === 200); })
        .on('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('switchboard did not start');
}

/** A raw Pusher protocol socket. */
async function connect(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/app/${APP.key}?protocol=7&client=node&version=1`);
  const messages = [];
  const waiters = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(d.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  const next = (pred) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no matching message')), 10000);
    const check = () => {
      const i = messages.findIndex(pred);
      if (i >= 0) {
        clearTimeout(t);
        resolve(messages.splice(i, 1)[0]);
      } else {
        waiters.push(check);
      }
    };
    check();
  });
  const established = await next((m) => m.event === 'pusher:connection_established');
  const socketId = JSON.parse(established.data).socket_id;
  const send = (event, data, channel) => ws.send(JSON.stringify(channel ? { event, data, channel } : { event, data }));
  return { ws, socketId, next, send };
}

test('webhooks from Switchboard validate with the pusher Node SDK', async (t) => {
  const pusher = new Pusher({ ...APP, host: '127.0.0.1', useTLS: false });
  const receiver = await startReceiver(pusher);
  const port = await freePort();
  const child = await startSwitchboard(port, `http://127.0.0.1:${receiver.server.address().port}/hook`);
  t.after(() => {
    child.kill('SIGTERM');
    receiver.server.close();
  });

  const a = await connect(port);
  const b = await connect(port);
  a.send('pusher:subscribe', { channel: 'node-news' });
  await receiver.awaitEvent((e) => e.name === 'channel_occupied' && e.channel === 'node-news');
  await receiver.awaitEvent((e) => e.name === 'subscription_count' && e.channel === 'node-news');

  a.send('pusher:subscribe', { channel: 'cache-node' });
  await receiver.awaitEvent((e) => e.name === 'cache_miss' && e.channel === 'cache-node');

  for (const s of [a, b]) {
    const auth = pusher.authorizeChannel(s.socketId, 'private-node').auth;
    s.send('pusher:subscribe', { channel: 'private-node', auth });
    await s.next((m) => m.event === 'pusher_internal:subscription_succeeded');
  }
  const text = '"q" \\ / </tag> \n\t\u0001\u007f é漢 \u2028 😀';
  a.send('client-text', { text }, 'private-node');
  const ce = await receiver.awaitEvent((e) => e.name === 'client_event' && e.channel === 'private-node');
  assert.strictEqual(ce.socket_id, a.socketId);
  assert.strictEqual(JSON.parse(ce.data).text, text);

  const member = { user_id: 'node-user', user_info: { name: 'Node' } };
  const pauth = pusher.authorizeChannel(a.socketId, 'presence-node', member);
  a.send('pusher:subscribe', { channel: 'presence-node', auth: pauth.auth, channel_data: pauth.channel_data });
  const added = await receiver.awaitEvent((e) => e.name === 'member_added' && e.channel === 'presence-node');
  assert.strictEqual(added.user_id, 'node-user');
  a.send('pusher:unsubscribe', { channel: 'presence-node' });
  await receiver.awaitEvent((e) => e.name === 'member_removed' && e.channel === 'presence-node');
  a.send('pusher:unsubscribe', { channel: 'node-news' });
  await receiver.awaitEvent((e) => e.name === 'channel_vacated' && e.channel === 'node-news');
  a.ws.close();
  b.ws.close();

  assert.ok(receiver.requests.length >= 8, `only ${receiver.requests.length} webhooks`);
  for (const r of receiver.requests) {
    assert.ok(r.valid, `pusher SDK rejected a webhook: ${r.rawBody}`);
    assert.strictEqual(JSON.stringify(JSON.parse(r.rawBody)), r.rawBody, 're-serialising changed the bytes');
  }
});
