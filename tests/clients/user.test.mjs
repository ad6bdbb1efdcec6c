// User authentication with pusher-js: signin (userAuthentication customHandler signing with the SDK's
// authenticateUser), sendToUser, terminateUserConnections, bad signatures, watchlist online/offline.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, TIMEOUT, closeAll, connect, disconnect, http, pingBarrier, serverSdk, uniq, waitForEvent,
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

