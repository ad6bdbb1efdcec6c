// Channel kinds with pusher-js 8.6.0 and the pusher 5.3.4 server SDK: public, private, private-encrypted,
// cache channels, subscription_count.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, Recorder, closeAll, connect, http, serverSdk, subscribe, subscribeExpectError,
  uniq, waitForEvent, sentinel,
} from './helpers.mjs';

const T = { timeout: 20000 };

describe('channels', () => {
  afterEach(closeAll);

  test('public channel: pusher-js receives an event triggered through the server SDK', T, async () => {
    const name = uniq('pub-');
    const client = await connect();
    const channel = await subscribe(client, name);
    const got = waitForEvent(channel, 'order-shipped');
    const res = await http(serverSdk().trigger(name, 'order-shipped', { id: 7, text: 'ünïcode ✓ "quoted"' }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(await got, { id: 7, text: 'ünïcode ✓ "quoted"' });
  });

  test('public channel: trigger with socket_id excludes that socket only', T, async () => {
    const name = uniq('pub-');
    const a = await connect();
    const b = await connect();
    const ra = new Recorder(await subscribe(a, name));
    const rb = new Recorder(await subscribe(b, name));
    const res = await http(serverSdk().trigger(name, 'excluded', { n: 1 }, { socket_id: a.connection.socket_id }));
    assert.equal(res.status, 200, res.body);
    await rb.wait('excluded');
    await sentinel(name, [ra, rb]);
    assert.equal(ra.count('excluded'), 0, 'the excluded socket must not get the event');
  });

  test('public channel: after unsubscribe no more events are delivered', T, async () => {
    const name = uniq('pub-');
    const a = await connect();
    const b = await connect();
    const ra = new Recorder(await subscribe(a, name));
    const rb = new Recorder(await subscribe(b, name));
    a.unsubscribe(name);
    // a second subscription on another channel proves the unsubscribe frame was processed (in-order per socket)
    const other = uniq('pub-');
    const ro = new Recorder(await subscribe(a, other));
    await http(serverSdk().trigger(name, 'after-unsub', {}));
    await rb.wait('after-unsub');
    await sentinel(other, [ro]);
    assert.equal(ra.count('after-unsub'), 0);
  });

  test('private channel: subscription authorized by customHandler signing with authorizeChannel', T, async () => {
    const name = uniq('private-');
    const client = await connect();
    const channel = await subscribe(client, name);
    const got = waitForEvent(channel, 'secret-event');
    const res = await http(serverSdk().trigger(name, 'secret-event', { ok: true }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(await got, { ok: true });
  });

  test('private channel: a bad signature gives pusher:subscription_error 401 and keeps the socket', T, async () => {
    const client = await connect(APPS.main, { secret: 'not-the-secret' });
    const err = await subscribeExpectError(client, uniq('private-'));
    assert.equal(err.status, 401, JSON.stringify(err));
    assert.equal(err.type, 'AuthError');
    assert.equal(client.connection.state, 'connected');
    await subscribe(client, uniq('pub-')); // the socket still works
  });

  test('private channel: raw subscribe without auth is refused with 401', T, async () => {
    const raw = await RawClient.connect();
    const answer = await raw.subscribe(uniq('private-'), { sign: false });
    assert.equal(answer.event, 'pusher:subscription_error');
    assert.equal(answer.data.status, 401);
    await raw.ping();
  });

  test('private-encrypted channel: server SDK encrypts, pusher-js decrypts with the shared_secret', T, async () => {
    const name = uniq('private-encrypted-');
    const client = await connect();
    const channel = await subscribe(client, name);
    // a raw subscriber sees only ciphertext on the wire
    const raw = await RawClient.connect();
    const answer = await raw.subscribe(name);
    assert.equal(answer.event, 'pusher_internal:subscription_succeeded');
    const got = waitForEvent(channel, 'sealed');
    const payload = { card: '4111 1111 1111 1111', note: 'top secret' };
    const res = await http(serverSdk().trigger(name, 'sealed', payload));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(await got, payload);
    const wire = await raw.next('sealed');
    assert.ok(wire.data.ciphertext && wire.data.nonce, `wire data must be {nonce, ciphertext}: ${wire.rawData}`);
    assert.ok(!JSON.stringify(wire).includes('top secret'), 'plaintext must not be on the wire');
  });

  test('private-encrypted channel: client events are refused', T, async () => {
    const name = uniq('private-encrypted-');
    const a = await RawClient.connect();
    const b = await RawClient.connect();
    assert.equal((await a.subscribe(name)).event, 'pusher_internal:subscription_succeeded');
    assert.equal((await b.subscribe(name)).event, 'pusher_internal:subscription_succeeded');
    a.send({ event: 'client-leak', channel: name, data: { x: 1 } });
    await a.ping();
    assert.equal((await http(serverSdk().trigger(name, 'barrier', { n: 1 }))).status, 200);
    await b.next('barrier');
    assert.equal(b.has('client-leak'), false, 'client event on an encrypted channel must not be forwarded');
  });

  test('cache channel: empty cache gives pusher:cache_miss on subscribe', T, async () => {
    const name = uniq('cache-');
    const client = await connect();
    const channel = client.subscribe(name);
    const miss = waitForEvent(channel, 'pusher:cache_miss');
    await waitForEvent(channel, 'pusher:subscription_succeeded');
    await miss;
  });

  test('cache channel: the last event is replayed to a new subscriber', T, async () => {
    const name = uniq('cache-');
    const sdk = serverSdk();
    assert.equal((await http(sdk.trigger(name, 'price', { v: 1 }))).status, 200);
    assert.equal((await http(sdk.trigger(name, 'price', { v: 2 }))).status, 200);
    const client = await connect();
    const channel = client.subscribe(name);
    const rec = new Recorder(channel);
    const replay = await rec.wait('price');
    assert.deepEqual(replay, { v: 2 });
    await rec.wait('pusher:subscription_succeeded');
    assert.equal(rec.has('pusher:cache_miss'), false);
  });

  test('private-cache channel: last event replayed after authorized subscribe', T, async () => {
    const name = uniq('private-cache-');
    assert.equal((await http(serverSdk().trigger(name, 'state', { s: 'on' }))).status, 200);
    const client = await connect();
    const rec = new Recorder(client.subscribe(name));
    assert.deepEqual(await rec.wait('state'), { s: 'on' });
  });

  test('presence-cache channel: cache_miss when empty, then replay of the last event', T, async () => {
    const name = uniq('presence-cache-');
    const a = await connect(APPS.main, { presence: { user_id: 'pc-a', user_info: {} } });
    const ra = new Recorder(a.subscribe(name));
    await ra.wait('pusher:cache_miss');
    assert.equal((await http(serverSdk().trigger(name, 'state', { s: 2 }))).status, 200);
    await ra.wait('state');
    const b = await connect(APPS.main, { presence: { user_id: 'pc-b', user_info: {} } });
    const rb = new Recorder(b.subscribe(name));
    assert.deepEqual(await rb.wait('state'), { s: 2 });
  });

  test('subscription_count: pusher-js gets pusher:subscription_count as subscribers come and go', T, async () => {
    const name = uniq('count-');
    const a = await connect();
    const ca = a.subscribe(name);
    const ra = new Recorder(ca);
    await ra.wait('pusher:subscription_succeeded');
    const b = await connect();
    await subscribe(b, name);
    await ra.wait('pusher:subscription_count', { filter: (d) => d.subscription_count === 2 });
    assert.equal(ca.subscriptionCount, 2);
    const mark = ra.mark();
    b.unsubscribe(name);
    await ra.wait('pusher:subscription_count', { since: mark, filter: (d) => d.subscription_count === 1 });
    assert.equal(ca.subscriptionCount, 1);
  });
});
