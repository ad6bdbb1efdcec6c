// The web console in Debian's Chromium (driven by playwright-core) beside real pusher-js clients in Node:
// logging in, live connections and subscriptions, the test-event form, client events in the log, and what a
// wrong or foreign credential gets. Screenshots go to tests/console/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import Pusher from 'pusher-js';

const URL = process.env.CONSOLE_URL; // http://127.0.0.1:<metrics port>/console/
const WS_PORT = Number(process.env.SB_PORT);
const TOKEN = process.env.CONSOLE_TOKEN;
const APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' };
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const WAIT = 10_000;

let browser;
const clients = [];

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

after(async () => {
  for (const c of clients) c.disconnect();
  await browser?.close();
});

/** A pusher-js client of app-id that signs private channels itself (the secret is the test's). */
function client() {
  const p = new Pusher(APP.key, {
    wsHost: '127.0.0.1', wsPort: WS_PORT, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1',
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, cb) => {
        const presence = channelName.startsWith('presence-');
        const channelData = presence ? JSON.stringify({ user_id: 'user-' + socketId.split('.')[1] }) : undefined;
        const signed = presence ? `${socketId}:${channelName}:${channelData}` : `${socketId}:${channelName}`;
        const sig = crypto.createHmac('sha256', APP.secret).update(signed).digest('hex');
        cb(null, { auth: `${APP.key}:${sig}`, channel_data: channelData });
      },
    },
  });
  clients.push(p);
  return p;
}

function connected(p) {
  return new Promise((resolve) => p.connection.bind('connected', () => resolve(p.connection.socket_id)));
}

function subscribed(p, name) {
  const ch = p.subscribe(name);
  return new Promise((resolve, reject) => {
    ch.bind('pusher:subscription_succeeded', () => resolve(ch));
    ch.bind('pusher:subscription_error', (e) => reject(new Error(`subscription to ${name} failed: ${JSON.stringify(e)}`)));
  });
}

function received(ch, event) {
  return new Promise((resolve) => ch.bind(event, resolve));
}

async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(URL);
  return page;
}

async function loginWithToken(page, token) {
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
}

async function loginWithApp(page, key, secret) {
  await page.fill('#app-key', key);
  await page.fill('#app-secret', secret);
  await page.click('#app-form button[type=submit]');
}

/** A log row of `kind` whose text has every one of `parts`. */
function logRow(page, kind, ...parts) {
  let row = page.locator(`#log tbody tr.k-${kind}`);
  for (const p of parts) row = row.filter({ hasText: p });
  return row.first();
}

test('the API answers 401 JSON without or with a wrong credential, and the page says so', async () => {
  for (const headers of [{}, { Authorization: 'Bearer wrong-token-wrong-token' },
    { Authorization: 'Basic ' + Buffer.from('app-key:wrong').toString('base64') },
    { Authorization: 'Basic ' + Buffer.from('nobody:app-secret').toString('base64') }]) {
    const res = await fetch(URL + 'api/session', { headers });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), null, 'no browser password dialog');
    assert.equal((await res.json()).code, 401);
  }
  const page = await newPage();
  await loginWithToken(page, 'wrong-token-wrong-token');
  await page.locator('#login-error', { hasText: 'Wrong' }).waitFor();
  assert.equal(await page.isVisible('#live-view'), false);
  await loginWithApp(page, APP.key, 'not-the-secret');
  await page.locator('#login-error', { hasText: 'Wrong app key or secret' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused credential is not kept');
  await page.context().close();
});

test('the admin sees a pusher-js client connect, subscribe, receive a console event and send a client event',
  async () => {
    const page = await newPage();
    await loginWithToken(page, TOKEN);
    await page.locator('#live-view').waitFor();
    assert.deepEqual(await page.locator('#app-select option').allTextContents(), ['app-id', 'other-id']);
    await page.locator('#log-state', { hasText: 'live' }).waitFor();
    assert.equal(page.url().includes(TOKEN), false, 'the token never goes in the URL');
    assert.deepEqual((await page.context().cookies()).length, 0, 'no cookie');

    const a = client();
    const socketA = await connected(a);
    const news = await subscribed(a, 'news');
    await logRow(page, 'connected', socketA).waitFor();
    await logRow(page, 'subscribed', socketA, 'news').waitFor();
    await page.locator('#channels tbody tr[data-channel=news]', { hasText: '1' }).waitFor();
    await page.locator('#s-connections', { hasText: '1' }).waitFor();

    // an invalid event is refused as the HTTP API refuses it
    await page.fill('#ev-channel', 'bad channel!');
    await page.click('#event-form button[type=submit]');
    await page.locator('#ev-result.bad', { hasText: 'not allowed' }).waitFor();

    // the form publishes through the HTTP API's own /events code
    const got = received(news, 'console-test');
    await page.click('#channels tbody tr[data-channel=news]');
    assert.equal(await page.inputValue('#ev-channel'), 'news');
    await page.fill('#ev-name', 'console-test');
    await page.fill('#ev-data', '{"n":42}');
    await page.click('#event-form button[type=submit]');
    assert.deepEqual(await got, { n: 42 });
    await page.locator('#ev-result', { hasText: 'sent' }).waitFor();
    await logRow(page, 'api_event', 'news', 'console-test').waitFor();

    // a client event between two pusher-js clients shows in the log
    const b = client();
    const socketB = await connected(b);
    const chatA = await subscribed(a, 'private-chat');
    const chatB = await subscribed(b, 'private-chat');
    const heard = received(chatB, 'client-hello');
    chatA.trigger('client-hello', { from: 'a' });
    assert.deepEqual(await heard, { from: 'a' });
    await logRow(page, 'client_event', socketA, 'private-chat', 'client-hello').waitFor();
    await logRow(page, 'subscribed', socketB, 'private-chat').waitFor();

    // a presence channel's members, listed by the HTTP API's users endpoint
    await subscribed(b, 'presence-room');
    await page.locator('#s-members', { hasText: '1' }).waitFor();
    await page.locator('#s-channels', { hasText: '3' }).waitFor();
    await page.click('#channels tbody tr[data-channel=presence-room]');
    await page.locator('#members li', { hasText: 'user-' + socketB.split('.')[1] }).waitFor();
    await page.waitForTimeout(1500); // two more stats samples for the chart
    await page.screenshot({ path: path.join(SHOTS, 'console-live.png'), fullPage: true });

    // filters hide other channels' rows; pause holds new rows until resumed
    await page.fill('#log-channel', 'private-chat');
    assert.equal(await logRow(page, 'subscribed', socketA, 'news').isVisible(), false);
    assert.equal(await logRow(page, 'client_event', 'client-hello').isVisible(), true);
    await page.fill('#log-channel', '');
    await page.click('#log-pause');
    chatB.trigger('client-paused', { from: 'b' });
    await page.locator('#log-state', { hasText: '1 waiting' }).waitFor();
    assert.equal(await logRow(page, 'client_event', 'client-paused').count(), 0);
    await page.click('#log-pause');
    await logRow(page, 'client_event', socketB, 'client-paused').waitFor();

    // a client that leaves shows with its close code
    b.disconnect();
    await logRow(page, 'disconnected', socketB).waitFor();
    await logRow(page, 'unsubscribed', socketB, 'private-chat').waitFor();
    await logRow(page, 'disconnected', socketB, 'code 1000').waitFor();
    await page.context().close();
  });

/** An HS256 JWT for the gateway, signed with the run's secret. */
function jwt(sub) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = b64({ alg: 'HS256', typ: 'JWT' }) + '.' + b64({ sub, aud: 'console', iat: now, exp: now + 3600 });
  return body + '.' + crypto.createHmac('sha256', process.env.CONSOLE_GATEWAY_SECRET).update(body).digest('base64url');
}

test('the signaling and gateway tabs list a y-webrtc topic and a gateway connection', async () => {
  // the sockets live in a blank page of their own (the console's policy lets it talk to its origin only)
  const sockets = await (await browser.newContext()).newPage();
  const opened = await sockets.evaluate(async ({ port, token }) => {
    const open = (url) => new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('cannot open ' + url));
    });
    const sig = await open(`ws://127.0.0.1:${port}/signaling/app-key`);
    sig.send(JSON.stringify({ type: 'subscribe', topics: ['console-room'] }));
    await open(`ws://127.0.0.1:${port}/gateway/app-key?authorization=${token}`);
    return true;
  }, { port: WS_PORT, token: jwt('gateway-user') });
  assert.equal(opened, true);

  const page = await newPage();
  await loginWithToken(page, TOKEN);
  await page.locator('#live-view').waitFor();
  await page.click('[data-view="tab:signaling"]');
  await page.locator('#dialect-rows tbody tr', { hasText: 'console-room' }).filter({ hasText: '1' }).waitFor();
  await page.click('[data-view="tab:gateway"]');
  await page.locator('#dialect-rows tbody tr', { hasText: 'gateway-user' }).waitFor();
  assert.equal(await page.locator('#dialect-rows thead th', { hasText: 'connection id' }).count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'console-gateway.png'), fullPage: true });
  await page.context().close();
  await sockets.context().close();
});

test('an app credential sees its own app only and gets 403 for another', async () => {
  const page = await newPage();
  await loginWithApp(page, APP.key, APP.secret);
  await page.locator('#live-view').waitFor();
  assert.deepEqual(await page.locator('#app-select option').allTextContents(), ['app-id']);
  assert.equal(await page.isVisible('[data-view=apps]'), false, 'no app management for an app');
  const status = await page.evaluate(async () => {
    const auth = sessionStorage.getItem('switchboard-console-auth');
    const other = await fetch('api/apps/other-id/stats', { headers: { Authorization: auth } });
    const own = await fetch('api/apps/app-id/stats', { headers: { Authorization: auth } });
    const manage = await fetch('api/apps', { method: 'POST', headers: { Authorization: auth }, body: '{}' });
    return [other.status, (await other.json()).code, own.status, manage.status];
  });
  assert.deepEqual(status, [403, 403, 200, 403]);
  await page.context().close();
});

test('the admin sees the apps of the memory store, marked read-only', async () => {
  const page = await newPage();
  await loginWithToken(page, TOKEN);
  await page.locator('#live-view').waitFor();
  await page.click('[data-view=apps]');
  await page.locator('#apps tbody tr', { hasText: 'other-id' }).waitFor();
  await page.locator('#store-note', { hasText: 'read-only' }).waitFor();
  assert.equal(await page.isVisible('#app-editor'), false);
  await page.screenshot({ path: path.join(SHOTS, 'console-apps-memory.png'), fullPage: true });
  await page.context().close();
});
