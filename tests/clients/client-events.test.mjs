// Client events (client-*) with pusher-js: allowed on private- and presence- channels, never echoed to the
// sender, stamped with user_id on presence channels, refused on public channels and from unsubscribed sockets.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, Recorder, closeAll, connect, subscribe, uniq, uniqNumber, sentinel, waitForEvent,
} from './helpers.mjs';

const T = { timeout: 20000 };

describe('client events', () => {
  afterEach(closeAll);

  test('private channel: client event reaches the other subscriber and is not echoed to the sender', T, async () => {
    const name = uniq('private-');
    const a = await connect();
    const b = await connect();
    const ca = await subscribe(a, name);
    const ra = new Recorder(ca);
    const rb = new Recorder(await subscribe(b, name));
    assert.equal(ca.trigger('client-typing', { who: 'a', n: 1 }), true);
    assert.deepEqual(await rb.wait('client-typing'), { who: 'a', n: 1 });
    await sentinel(name, [ra, rb]);
    assert.equal(ra.count('client-typing'), 0, 'client event must not be echoed to its sender');
    assert.equal(rb.count('client-typing'), 1);
  });

  test('presence channel: client event carries the sender user_id and is not echoed', T, async () => {
    const name = uniq('presence-');
    const a = await connect(APPS.main, { presence: { user_id: 'ce-alice', user_info: { name: 'Alice' } } });
    const b = await connect(APPS.main, { presence: { user_id: 'ce-bob', user_info: { name: 'Bob' } } });
    const ca = await subscribe(a, name);
    const cb = await subscribe(b, name);
    const ra = new Recorder(ca);
    const rb = new Recorder(cb);
    const got = waitForEvent(cb, 'client-hello', { withMeta: true });
    ca.trigger('client-hello', { hi: true });
    const [data, meta] = await got;
    assert.deepEqual(data, { hi: true });
    assert.equal(meta && meta.user_id, 'ce-alice', 'presence client events carry user_id of the sender');
    await sentinel(name, [ra, rb]);
    assert.equal(ra.count('client-hello'), 0);
  });

  test('presence channel: a numeric user_id is stamped as that number (metadata.user_id === id)', T, async () => {
    const name = uniq('presence-');
    const n = uniqNumber();
    const a = await connect(APPS.main, { presence: { user_id: n, user_info: {} } });
    const b = await connect(APPS.main, { presence: { user_id: uniqNumber(), user_info: {} } });
    const ca = await subscribe(a, name);
    const cb = await subscribe(b, name);
    const got = waitForEvent(cb, 'client-num', { withMeta: true });
    ca.trigger('client-num', { n });
    const [data, meta] = await got;
    assert.deepEqual(data, { n });
    assert.strictEqual(meta && meta.user_id, n);
  });

  test('presence channel: raw frame of a forwarded client event has user_id', T, async () => {
    const name = uniq('presence-');
    const a = await RawClient.connect();
    const b = await RawClient.connect();
    await a.subscribe(name, { channelData: { user_id: 'raw-a', user_info: {} } });
    await b.subscribe(name, { channelData: { user_id: 'raw-b', user_info: {} } });
    a.send({ event: 'client-x', channel: name, data: { k: 'v' } });
    const msg = await b.next('client-x');
    assert.equal(msg.channel, name);
    assert.equal(msg.user_id, 'raw-a');
    assert.deepEqual(msg.data, { k: 'v' });
  });

  test('public channel: client events are rejected (not delivered to other subscribers)', T, async () => {
    const name = uniq('pub-');
    const a = await connect();
    const b = await connect();
    const ca = await subscribe(a, name);
    const ra = new Recorder(ca);
    const rb = new Recorder(await subscribe(b, name));
    ca.trigger('client-spoof', { evil: true });
    await sentinel(name, [ra, rb]);
    assert.equal(rb.count('client-spoof'), 0, 'client events on public channels must not be forwarded');
    assert.equal(a.connection.state, 'connected');
  });

  test('a refused client event: pusher:error 4301 names its channel, so pusher-js raises it on the channel', T, async () => {
    const name = uniq('pub-');
    const a = await connect();
    const ca = await subscribe(a, name);
    const onChannel = waitForEvent(ca, 'pusher:error', { label: 'pusher:error on the channel object' });
    const frame = waitForEvent(a.connection, 'message', { filter: (m) => m.event === 'pusher:error' });
    ca.trigger('client-spoof', { evil: true }); // client events are refused on public channels
    assert.equal((await onChannel).code, 4301);
    assert.equal((await frame).channel, name);
    assert.equal(a.connection.state, 'connected');
  });

  test('client events from a socket not subscribed to the channel are not delivered', T, async () => {
    const name = uniq('private-');
    const b = await connect();
    const rb = new Recorder(await subscribe(b, name));
    const intruder = await RawClient.connect();
    intruder.send({ event: 'client-intrude', channel: name, data: {} });
    await intruder.ping();
    await sentinel(name, [rb]);
    assert.equal(rb.count('client-intrude'), 0);
  });
});
