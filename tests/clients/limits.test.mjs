// Every limit of the `limited` app (limited-id / limited-key / limited-secret) and the error it gives:
// max_connections 3, max_client_events_per_second 2, max_backend_events_per_second 5,
// max_read_requests_per_second 5, max_presence_members_per_channel 2, max_presence_member_size_in_kb 1,
// max_channel_name_length 30, max_event_channels_at_once 3, max_event_name_length 30,
// max_event_payload_in_kb 1, max_event_batch_size 2.
//
// The two rate-limit tests run last; the other HTTP tests retry (bounded) on 429 so that a bucket drained by a
// previous test does not hide the status they assert.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, Recorder, closeAll, connectWithQuotaRetry, createClient, disconnect, http, httpRetry429,
  serverSdk, subscribe, subscribeExpectError, waitForEvent, pusherErrorData, uniq,
} from './helpers.mjs';

const T = { timeout: 30000 };
const L = APPS.limited;
const sdk = () => serverSdk(L);
const short = (prefix) => `${prefix}${uniq()}`.slice(0, 30);

function assertRefused(res, what) {
  assert.ok(res.status === 400 || res.status === 413, `${what}: expected 400 or 413, got ${res.status} ${res.body}`);
  assert.ok(res.json && typeof res.json === 'object', `${what}: expected a JSON error body, got: ${res.body}`);
}

describe('limits of the limited app', () => {
  afterEach(closeAll);

  test('max_connections 3: the 4th connection gets pusher:error 4100', T, async () => {
    const clients = [];
    for (let i = 0; i < 3; i += 1) clients.push(await connectWithQuotaRetry(L));
    const fourth = await RawClient.connect(L, { established: false });
    const first = await fourth.nextOrClose((m) => m.event === 'pusher:error' || m.event === 'pusher:connection_established');
    assert.ok(!first.closed, `expected pusher:error before close, socket closed ${JSON.stringify(first.closed)}`);
    assert.equal(first.event, 'pusher:error', 'the 4th connection must not be established');
    assert.equal(first.data.code, 4100);
    await fourth.close();
    // after one of the three leaves, a new connection is accepted again
    await disconnect(clients.pop());
    clients.push(await connectWithQuotaRetry(L));
  });

  test('max_connections 3: pusher-js reports 4100 on the 4th connection', T, async () => {
    for (let i = 0; i < 3; i += 1) await connectWithQuotaRetry(L);
    const fourth = createClient(L);
    const err = await waitForEvent(fourth.connection, 'error', { filter: (e) => !!pusherErrorData(e), label: 'pusher:error 4100 on pusher-js' });
    assert.equal(pusherErrorData(err).code, 4100);
    assert.notEqual(fourth.connection.state, 'connected');
  });

  test('max_channel_name_length 30: a longer name gives pusher:subscription_error 4009, 30 is fine', T, async () => {
    const client = await connectWithQuotaRetry(L);
    const tooLong = `pub-${'x'.repeat(27)}`; // 31
    assert.equal(tooLong.length, 31);
    const err = await subscribeExpectError(client, tooLong);
    assert.equal(err.status, 4009, JSON.stringify(err));
    assert.equal(client.connection.state, 'connected');
    const exact = `pub-${uniq()}`.padEnd(30, 'y');
    assert.equal(exact.length, 30);
    await subscribe(client, exact);
  });

  test('max_channel_name_length 30 also applies to private channels', T, async () => {
    const client = await connectWithQuotaRetry(L);
    const err = await subscribeExpectError(client, `private-${'z'.repeat(30)}`);
    assert.equal(err.status, 4009, JSON.stringify(err));
  });

  test('max_presence_members_per_channel 2: the 3rd member gets pusher:subscription_error 4100', T, async () => {
    const name = short('presence-');
    const a = await connectWithQuotaRetry(L, { presence: { user_id: 'lim-a', user_info: {} } });
    const b = await connectWithQuotaRetry(L, { presence: { user_id: 'lim-b', user_info: {} } });
    const c = await connectWithQuotaRetry(L, { presence: { user_id: 'lim-c', user_info: {} } });
    const ra = new Recorder(await subscribe(a, name));
    await subscribe(b, name);
    const err = await subscribeExpectError(c, name);
    assert.equal(err.status, 4100, JSON.stringify(err));
    assert.equal(c.connection.state, 'connected', 'the refused socket stays open');
    const res = await httpRetry429(() => sdk().get({ path: `/channels/${name}/users` }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(res.json.users.map((u) => u.id).sort(), ['lim-a', 'lim-b']);
    assert.equal(ra.count('pusher:member_added', (m) => m.id === 'lim-c'), 0);
  });

  test('max_presence_member_size_in_kb 1: a larger user_info gives pusher:subscription_error 4301', T, async () => {
    const client = await connectWithQuotaRetry(L, { presence: { user_id: 'lim-big', user_info: { bio: 'b'.repeat(3000) } } });
    const err = await subscribeExpectError(client, short('presence-'));
    assert.equal(err.status, 4301, JSON.stringify(err));
    assert.equal(client.connection.state, 'connected');
  });

  test('max_client_events_per_second 2: a burst of client events gives pusher:error 4301', T, async () => {
    const name = short('private-');
    const sender = await connectWithQuotaRetry(L);
    const receiver = await connectWithQuotaRetry(L);
    const cs = await subscribe(sender, name);
    const rr = new Recorder(await subscribe(receiver, name));
    const limitError = waitForEvent(sender.connection, 'error', { filter: (e) => !!pusherErrorData(e), label: 'pusher:error 4301' });
    for (let i = 0; i < 10; i += 1) cs.trigger('client-burst', { i });
    assert.equal(pusherErrorData(await limitError).code, 4301);
    await rr.wait('client-burst'); // the first ones within the limit went through
    assert.ok(rr.count('client-burst') < 10, 'not every event of the burst may be delivered');
  });

  test('HTTP: event name longer than 30 is refused (400/413, JSON body)', T, async () => {
    const res = await httpRetry429(() => sdk().trigger(short('pub-'), 'e'.repeat(31), { a: 1 }));
    assertRefused(res, 'event name 31');
    const ok = await httpRetry429(() => sdk().trigger(short('pub-'), 'e'.repeat(30), { a: 1 }));
    assert.equal(ok.status, 200, ok.body);
  });

  test('HTTP: event payload over 1 KB is refused (400/413, JSON body)', T, async () => {
    const res = await httpRetry429(() => sdk().trigger(short('pub-'), 'big', { blob: 'p'.repeat(4096) }));
    assertRefused(res, 'payload 4 KB');
    const ok = await httpRetry429(() => sdk().trigger(short('pub-'), 'small', { blob: 'p'.repeat(500) }));
    assert.equal(ok.status, 200, ok.body);
  });

  test('HTTP: more than 3 channels at once is refused (400/413, JSON body)', T, async () => {
    const names = [short('c1-'), short('c2-'), short('c3-'), short('c4-')];
    const res = await httpRetry429(() => sdk().trigger(names, 'many', {}));
    assertRefused(res, '4 channels');
  });

  test('HTTP: batch of more than 2 events is refused (400/413, JSON body)', T, async () => {
    const ch = short('b-');
    const batch = () => [1, 2, 3].map((i) => ({ channel: ch, name: `e${i}`, data: { i } }));
    const res = await httpRetry429(() => sdk().triggerBatch(batch()));
    assertRefused(res, 'batch of 3');
  });

  test('HTTP: max_backend_events_per_second 5 gives 429 with a JSON body', T, async () => {
    const ch = short('rate-');
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => http(sdk().trigger(ch, 'tick', { i }))));
    const limited = results.filter((r) => r.status === 429);
    assert.ok(limited.length > 0, `expected some 429 among ${results.map((r) => r.status).join(',')}`);
    assert.ok(limited[0].json && typeof limited[0].json === 'object', `JSON body expected: ${limited[0].body}`);
    assert.ok(results.some((r) => r.status === 200), 'requests within the limit succeed');
  });

  test('HTTP: max_read_requests_per_second 5 gives 429 with a JSON body', T, async () => {
    const results = await Promise.all(Array.from({ length: 15 }, () => http(sdk().get({ path: '/channels' }))));
    const limited = results.filter((r) => r.status === 429);
    assert.ok(limited.length > 0, `expected some 429 among ${results.map((r) => r.status).join(',')}`);
    assert.ok(limited[0].json && typeof limited[0].json === 'object', `JSON body expected: ${limited[0].body}`);
  });
});
