// User authentication with pusher-js: signin (userAuthentication customHandler signing with the SDK's
// authenticateUser), sendToUser, terminateUserConnections, bad signatures, watchlist online/offline.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, TIMEOUT, closeAll, connect, disconnect, http, pingBarrier, serverSdk, signinToken, uniq, uniqNumber,
  waitForEvent,
} from './helpers.mjs';

const T = { timeout: 20000 };

/** pusher.signin() and wait for pusher:signin_success and the #server-to-user-{id} subscription. */
async function signin(client) {
  const ok = waitForEvent(client.connection, 'message', { filter: (m) => m.event === 'pusher:signin_success', label: 'pusher:signin_success' });
  client.signin();
  const msg = await ok;
  const channel = client.user.serverToUserChannel;
  assert.ok(channel, 'pusher-js created the #server-to-user channel');
  if (!channel.subscribed) await waitForEvent(channel, 'pusher:subscription_succeeded', { label: `${channel.name} subscription` });
  return msg;
}

/** Waits until the pusher-js client leaves the connected state (server closed it). */
function leftConnected(client, timeout = TIMEOUT) {
  return waitForEvent(client.connection, 'state_change', { timeout, filter: (s) => s.previous === 'connected', label: 'leaving connected state' });
}

describe('user authentication', () => {
  afterEach(closeAll);

  test('signin: pusher.signin() gets pusher:signin_success with the signed user_data', T, async () => {
    const id = uniq('user-');
    const client = await connect(APPS.main, { user: { id, user_info: { name: 'Ann' } } });
    const msg = await signin(client);
    assert.deepEqual(JSON.parse(msg.data.user_data), { id, user_info: { name: 'Ann' } });
    assert.equal(client.user.user_data.id, id);
  });

  test('sendToUser reaches every connection of that user and nobody else', T, async () => {
    const id = uniq('user-');
    const tab1 = await connect(APPS.main, { user: { id } });
    const tab2 = await connect(APPS.main, { user: { id } });
    const other = await connect(APPS.main, { user: { id: uniq('user-') } });
    await Promise.all([signin(tab1), signin(tab2), signin(other)]);
    let otherGot = 0;
    other.user.bind('notify', () => { otherGot += 1; });
    const got1 = waitForEvent(tab1.user, 'notify');
    const got2 = waitForEvent(tab2.user, 'notify');
    const res = await http(serverSdk().sendToUser(id, 'notify', { msg: 'hello user' }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(await got1, { msg: 'hello user' });
    assert.deepEqual(await got2, { msg: 'hello user' });
    // barrier for `other`: a message to itself arrives after anything sent to it before
    const self = waitForEvent(other.user, 'self');
    await http(serverSdk().sendToUser(other.user.user_data.id, 'self', {}));
    await self;
    assert.equal(otherGot, 0);
  });

  test('sendToUser right after signin_success arrives before the client subscribes, and once after it does', T, async () => {
    const id = uniq('user-');
    const raw = await RawClient.connect();
    raw.send({ event: 'pusher:signin', data: serverSdk().authenticateUser(raw.socketId, { id }) });
    await raw.next('pusher:signin_success');
    // a backend reacting to the sign-in: the socket has not subscribed to #server-to-user-{id} (pusher-js does later)
    assert.equal((await http(serverSdk().sendToUser(id, 'welcome', { n: 1 }))).status, 200);
    const first = await raw.next('welcome');
    assert.equal(first.channel, `#server-to-user-${id}`);
    assert.deepEqual(first.data, { n: 1 });
    const sub = await raw.subscribe(`#server-to-user-${id}`);
    assert.equal(sub.event, 'pusher_internal:subscription_succeeded');
    assert.equal((await http(serverSdk().sendToUser(id, 'again', { n: 2 }))).status, 200);
    await raw.next('again');
    await raw.ping(); // everything sent before the pong has arrived
    assert.equal(raw.messages.filter((m) => m.event === 'again').length, 1, 'a subscribed socket gets each event once');
  });

  test('pusher-js signed in right away gets an event sent on signin_success (pusher.user.bind)', T, async () => {
    const id = uniq('user-');
    const client = await connect(APPS.main, { user: { id } });
    const got = waitForEvent(client.user, 'welcome');
    // send as soon as the server confirms the sign-in, before pusher-js's own #server-to-user subscribe is answered
    const sent = waitForEvent(client.connection, 'message', { filter: (m) => m.event === 'pusher:signin_success' })
      .then(() => http(serverSdk().sendToUser(id, 'welcome', { hello: id })));
    client.signin();
    assert.equal((await sent).status, 200);
    assert.deepEqual(await got, { hello: id });
  });

  test('numeric id: signin with {"id": N} gets #server-to-user-N (subscribe answered, sendToUser delivered)', T, async () => {
    const n = uniqNumber();
    const raw = await RawClient.connect();
    raw.send({ event: 'pusher:signin', data: signinToken(APPS.main, raw.socketId, { id: n }) });
    const ok = await raw.next('pusher:signin_success');
    assert.equal(JSON.parse(ok.data.user_data).id, n);
    const sub = await raw.subscribe(`#server-to-user-${n}`);
    assert.equal(sub.event, 'pusher_internal:subscription_succeeded');
    assert.equal((await http(serverSdk().sendToUser(String(n), 'hello', { to: n }))).status, 200);
    assert.deepEqual((await raw.next('hello')).data, { to: n });
  });

  test('numeric id with pusher-js: the event of sendToUser(String(id)) reaches the client', T, async () => {
    // pusher-js refuses to subscribe #server-to-user-N for a non-string id, so only server-side routing by
    // sign-in delivers it; it surfaces on the client's global binding
    const n = uniqNumber();
    const client = await connect(APPS.main, { user: { id: n, user_info: { name: 'Int' } } });
    const signed = waitForEvent(client.connection, 'message', { filter: (m) => m.event === 'pusher:signin_success' });
    client.signin();
    await signed;
    const got = waitForEvent(client, 'hello');
    const frame = waitForEvent(client.connection, 'message', { filter: (m) => m.event === 'hello' });
    assert.equal((await http(serverSdk().sendToUser(String(n), 'hello', { to: n }))).status, 200);
    assert.deepEqual(await got, { to: n });
    assert.equal((await frame).channel, `#server-to-user-${n}`);
  });

  test('terminateUserConnections closes all sockets of that user only', T, async () => {
    const id = uniq('user-');
    const tab1 = await connect(APPS.main, { user: { id } });
    const tab2 = await connect(APPS.main, { user: { id } });
    const bystander = await connect(APPS.main, { user: { id: uniq('user-') } });
    await Promise.all([signin(tab1), signin(tab2), signin(bystander)]);
    const raw = await RawClient.connect();
    const auth = serverSdk().authenticateUser(raw.socketId, { id });
    raw.send({ event: 'pusher:signin', data: auth });
    await raw.next('pusher:signin_success');

    const gone1 = leftConnected(tab1);
    const gone2 = leftConnected(tab2);
    const res = await http(serverSdk().terminateUserConnections(id));
    assert.equal(res.status, 200, res.body);
    await gone1;
    await gone2;
    const closed = await raw.waitClosed();
    assert.ok(closed.code >= 4000 && closed.code < 5000, `raw socket closed with a 4xxx code, got ${closed.code}`);
    assert.equal(bystander.connection.state, 'connected');
    await pingBarrier(bystander);
  });

  test('signin with a bad signature: pusher:error 4009 and the socket is closed', T, async () => {
    const raw = await RawClient.connect();
    const auth = serverSdk(APPS.main, { secret: 'wrong-secret' }).authenticateUser(raw.socketId, { id: 'mallory' });
    raw.send({ event: 'pusher:signin', data: auth });
    const err = await raw.next('pusher:error');
    assert.equal(err.data.code, 4009);
    const closed = await raw.waitClosed();
    assert.equal(closed.code, 4009);
  });

  test('signin signed for another socket id is refused', T, async () => {
    const raw = await RawClient.connect();
    const auth = serverSdk().authenticateUser('1234.5678', { id: 'mallory' });
    raw.send({ event: 'pusher:signin', data: auth });
    assert.equal((await raw.next('pusher:error')).data.code, 4009);
    await raw.waitClosed();
  });

  test('watchlist: online when a watched user signs in, offline when it disconnects', T, async () => {
    const watched = uniq('watched-');
    const watcher = await connect(APPS.main, { user: { id: uniq('watcher-'), watchlist: [watched] } });
    const online = waitForEvent(watcher.user.watchlist, 'online', { filter: (e) => e.user_ids.includes(watched), label: 'watchlist online' });
    await signin(watcher);
    const target = await connect(APPS.main, { user: { id: watched } });
    await signin(target);
    const ev = await online;
    assert.equal(ev.name, 'online');
    const offline = waitForEvent(watcher.user.watchlist, 'offline', { filter: (e) => e.user_ids.includes(watched), label: 'watchlist offline' });
    await disconnect(target);
    assert.equal((await offline).name, 'offline');
  });

  test('watchlist: a watched user already online is reported right after signin', T, async () => {
    const watched = uniq('watched-');
    const target = await connect(APPS.main, { user: { id: watched } });
    await signin(target);
    const watcher = await connect(APPS.main, { user: { id: uniq('watcher-'), watchlist: [watched, uniq('nobody-')] } });
    const online = waitForEvent(watcher.user.watchlist, 'online', { filter: (e) => e.user_ids.includes(watched), label: 'watchlist online' });
    await signin(watcher);
    const ev = await online;
    assert.equal(ev.user_ids.length, 1, `only online users are listed: ${JSON.stringify(ev)}`);
  });
});

