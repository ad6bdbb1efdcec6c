// laravel-echo 2.5.0 with broadcaster 'pusher' over pusher-js 8.6.0: channel().listen(), private(),
// join() here/joining/leaving, whisper()/listenForWhisper().
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import {
  APPS, TIMEOUT, closeAll, disconnect, eventually, handled, http, pingBarrier, pusherOptions, serverSdk, track, uniq, waitConnected, withTimeout,
} from './helpers.mjs';

const T = { timeout: 20000 };

/** An Echo instance whose pusher-js client authorizes channels with the server SDK (like Laravel's /broadcasting/auth). */
async function makeEcho(opts = {}) {
  const echo = new Echo({
    broadcaster: 'pusher',
    key: APPS.main.key,
    Pusher,
    withoutInterceptors: true,
    ...pusherOptions(APPS.main, opts),
  });
  track(echo.connector.pusher);
  await waitConnected(echo.connector.pusher);
  return echo;
}

/** Resolves when an Echo channel reports .subscribed(); rejects on .error(). */
function subscribed(channel, what) {
  return withTimeout(new Promise((resolve, reject) => {
    channel.subscribed(() => resolve(channel));
    channel.error((err) => reject(Object.assign(new Error(`${what}: subscription error ${JSON.stringify(err)}`), { subscriptionError: err })));
  }), TIMEOUT, `${what} subscription`);
}

/** The next callback invocation of an Echo listener registration, bounded. */
function nextCall(register, what) {
  return handled(withTimeout(new Promise((resolve) => register((data) => resolve(data))), TIMEOUT, what));
}

describe('laravel-echo', () => {
  afterEach(closeAll);

  test('channel().listen() receives namespaced (App\\Events) and dotted custom events', T, async () => {
    const name = uniq('orders-');
    const echo = await makeEcho();
    const channel = echo.channel(name);
    const shipped = nextCall((cb) => channel.listen('OrderShipped', cb), 'OrderShipped');
    const custom = nextCall((cb) => channel.listen('.order.custom', cb), '.order.custom');
    await subscribed(channel, name);
    const sdk = serverSdk();
    assert.equal((await http(sdk.trigger(name, 'App\\Events\\OrderShipped', { order: { id: 1 } }))).status, 200);
    assert.equal((await http(sdk.trigger(name, 'order.custom', { ok: 1 }))).status, 200);
    assert.deepEqual(await shipped, { order: { id: 1 } });
    assert.deepEqual(await custom, { ok: 1 });
  });

  test('private() subscribes to private-{name} through the authorizer and receives events', T, async () => {
    const name = uniq('user.');
    const echo = await makeEcho();
    const channel = echo.private(name);
    const got = nextCall((cb) => channel.listen('.balance.updated', cb), 'balance.updated');
    await subscribed(channel, `private-${name}`);
    assert.equal((await http(serverSdk().trigger(`private-${name}`, 'balance.updated', { balance: 42 }))).status, 200);
    assert.deepEqual(await got, { balance: 42 });
  });

  test('private() with a bad signature calls .error() with status 401', T, async () => {
    const echo = await makeEcho({ secret: 'bad-secret' });
    const channel = echo.private(uniq('nope.'));
    const err = await subscribed(channel, 'bad private').then(() => null, (e) => e.subscriptionError);
    assert.ok(err, 'subscription must fail');
    assert.equal(err.status, 401);
  });

  test('join(): here() lists members, joining() and leaving() follow the roster', T, async () => {
    const room = uniq('room.');
    const alice = await makeEcho({ presence: { user_id: 'echo-alice', user_info: { name: 'Alice' } } });
    const bob = await makeEcho({ presence: { user_id: 'echo-bob', user_info: { name: 'Bob' } } });

    const aliceRoom = alice.join(room);
    const aliceHere = nextCall((cb) => aliceRoom.here(cb), 'alice here');
    const joining = nextCall((cb) => aliceRoom.joining(cb), 'joining');
    const leaving = nextCall((cb) => aliceRoom.leaving(cb), 'leaving');
    assert.deepEqual(await aliceHere, [{ name: 'Alice' }]);

    const bobRoom = bob.join(room);
    const bobHere = await nextCall((cb) => bobRoom.here(cb), 'bob here');
    assert.deepEqual(bobHere.map((u) => u.name).sort(), ['Alice', 'Bob']);
    assert.deepEqual(await joining, { name: 'Bob' });

    bob.leave(room);
    assert.deepEqual(await leaving, { name: 'Bob' });
  });

  test('whisper() on a private channel reaches listenForWhisper() of the others, not the sender', T, async () => {
    const name = uniq('chat.');
    const a = await makeEcho();
    const b = await makeEcho();
    const ca = a.private(name);
    const cb = b.private(name);
    let echoedToSender = 0;
    ca.listenForWhisper('typing', () => { echoedToSender += 1; });
    const heard = nextCall((fn) => cb.listenForWhisper('typing', fn), 'whisper typing');
    await Promise.all([subscribed(ca, 'a'), subscribed(cb, 'b')]);
    ca.whisper('typing', { name: 'A', typing: true });
    assert.deepEqual(await heard, { name: 'A', typing: true });
    // barrier: a server event sent after the whisper reaches the sender after any (wrong) echo would have
    const barrier = nextCall((fn) => ca.listen('.barrier', fn), 'barrier');
    await http(serverSdk().trigger(`private-${name}`, 'barrier', {}));
    await barrier;
    assert.equal(echoedToSender, 0);
  });

  test('whisper() on a presence channel (join) reaches the other members', T, async () => {
    const room = uniq('game.');
    const a = await makeEcho({ presence: { user_id: 'w-a', user_info: { name: 'A' } } });
    const b = await makeEcho({ presence: { user_id: 'w-b', user_info: { name: 'B' } } });
    const ra = a.join(room);
    const rb = b.join(room);
    const hereA = nextCall((fn) => ra.here(fn), 'here a');
    const hereB = nextCall((fn) => rb.here(fn), 'here b');
    await Promise.all([hereA, hereB]);
    const heard = nextCall((fn) => ra.listenForWhisper('move', fn), 'whisper move');
    rb.whisper('move', { x: 3, y: 4 });
    assert.deepEqual(await heard, { x: 3, y: 4 });
  });

  test('Echo leaveChannel() unsubscribes and disconnect() closes the socket', T, async () => {
    const name = uniq('leave-');
    const echo = await makeEcho();
    const channel = echo.channel(name);
    await subscribed(channel, name);
    echo.leaveChannel(name);
    await pingBarrier(echo.connector.pusher); // the server has read the unsubscribe
    await eventually(async () => (await http(serverSdk().get({ path: `/channels/${name}` }))).json.occupied === false, { what: `${name} vacated` });
    const pusher = echo.connector.pusher;
    echo.disconnect();
    assert.equal(echo.connectionStatus(), 'disconnected');
    await disconnect(pusher);
  });
});
