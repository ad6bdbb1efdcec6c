// Pusher HTTP API through the `pusher` 5.3.4 server SDK: channel queries, trigger info, batch events,
// authentication failures.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, HOST, Recorder, TIMEOUT, closeAll, connect, http, serverSdk, subscribe, uniq, waitForEvent,
} from './helpers.mjs';

const T = { timeout: 20000 };
const member = (id) => ({ presence: { user_id: id, user_info: { name: id } } });

describe('HTTP API', () => {
  afterEach(closeAll);

  test('GET /channels with info=subscription_count and filter_by_prefix', T, async () => {
    const prefix = uniq('q') + '-';
    const a = await connect();
    const b = await connect();
    await subscribe(a, `${prefix}one`);
    await subscribe(b, `${prefix}one`);
    await subscribe(a, `${prefix}two`);
    await subscribe(a, uniq('unrelated-'));
    const res = await http(serverSdk().get({ path: '/channels', params: { info: 'subscription_count', filter_by_prefix: prefix } }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(Object.keys(res.json.channels).sort(), [`${prefix}one`, `${prefix}two`]);
    assert.equal(res.json.channels[`${prefix}one`].subscription_count, 2);
    assert.equal(res.json.channels[`${prefix}two`].subscription_count, 1);
  });

  test('GET /channels filter_by_prefix=presence- with info=user_count', T, async () => {
    const name = uniq('presence-uc');
    const a = await connect(APPS.main, member('api-a'));
    const a2 = await connect(APPS.main, member('api-a'));
    const b = await connect(APPS.main, member('api-b'));
    await Promise.all([subscribe(a, name), subscribe(a2, name), subscribe(b, name)]);
    const res = await http(serverSdk().get({ path: '/channels', params: { info: 'user_count', filter_by_prefix: 'presence-uc' } }));
    assert.equal(res.status, 200, res.body);
    assert.ok(res.json.channels[name], `${name} expected in ${res.body}`);
    assert.equal(res.json.channels[name].user_count, 2, res.body);
  });

  test('GET /channels/{name} with info=subscription_count,user_count', T, async () => {
    const name = uniq('presence-');
    const a = await connect(APPS.main, member('api-a'));
    const a2 = await connect(APPS.main, member('api-a'));
    const b = await connect(APPS.main, member('api-b'));
    await Promise.all([subscribe(a, name), subscribe(a2, name), subscribe(b, name)]);
    const res = await http(serverSdk().get({ path: `/channels/${name}`, params: { info: 'subscription_count,user_count' } }));
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json.occupied, true);
    assert.equal(res.json.subscription_count, 3);
    assert.equal(res.json.user_count, 2);
  });

  test('GET /channels/{name} of an empty channel: occupied false', T, async () => {
    const res = await http(serverSdk().get({ path: `/channels/${uniq('nobody-')}`, params: { info: 'subscription_count' } }));
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json.occupied, false);
  });

  test('without info, GET /channels and /channels/{name} still carry soketi\'s attributes', T, async () => {
    const prefix = uniq('plain') + '-';
    const pres = `presence-${prefix}room`;
    const a = await connect(APPS.main, member('api-a'));
    const b = await connect(APPS.main, member('api-b'));
    await Promise.all([subscribe(a, `${prefix}pub`), subscribe(b, `${prefix}pub`), subscribe(a, pres), subscribe(b, pres)]);
    const list = await http(serverSdk().get({ path: '/channels', params: { filter_by_prefix: prefix } }));
    assert.equal(list.status, 200, list.body);
    assert.deepEqual(list.json.channels, { [`${prefix}pub`]: { subscription_count: 2, occupied: true } });
    const presList = await http(serverSdk().get({ path: '/channels', params: { filter_by_prefix: pres } }));
    assert.deepEqual(presList.json.channels, { [pres]: { subscription_count: 2, occupied: true } });
    const one = await http(serverSdk().get({ path: `/channels/${prefix}pub` }));
    assert.deepEqual(one.json, { occupied: true, subscription_count: 2 });
    const onePres = await http(serverSdk().get({ path: `/channels/${pres}` }));
    assert.deepEqual(onePres.json, { occupied: true, subscription_count: 2, user_count: 2 });
    const empty = await http(serverSdk().get({ path: `/channels/presence-${uniq('nobody-')}` }));
    assert.deepEqual(empty.json, { occupied: false, subscription_count: 0, user_count: 0 });
  });

  test('GET /channels/{presence}/users lists each user once', T, async () => {
    const name = uniq('presence-');
    const a = await connect(APPS.main, member('api-a'));
    const a2 = await connect(APPS.main, member('api-a'));
    const b = await connect(APPS.main, member('api-b'));
    await Promise.all([subscribe(a, name), subscribe(a2, name), subscribe(b, name)]);
    const res = await http(serverSdk().get({ path: `/channels/${name}/users` }));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(res.json.users.map((u) => u.id).sort(), ['api-a', 'api-b']);
  });

  test('GET /channels/{public}/users is refused with 400', T, async () => {
    const res = await http(serverSdk().get({ path: `/channels/${uniq('pub-')}/users` }));
    assert.equal(res.status, 400, res.body);
  });

  test('trigger with info returns the channel attributes', T, async () => {
    const pub = uniq('pub-');
    const pres = uniq('presence-');
    const a = await connect(APPS.main, member('api-a'));
    const b = await connect(APPS.main, member('api-b'));
    await Promise.all([subscribe(a, pub), subscribe(b, pub), subscribe(a, pres), subscribe(b, pres)]);
    const res = await http(serverSdk().trigger([pub, pres], 'with-info', { x: 1 }, { info: 'subscription_count,user_count' }));
    assert.equal(res.status, 200, res.body);
    assert.ok(res.json && res.json.channels, `channel attributes expected: ${res.body}`);
    assert.equal(res.json.channels[pub].subscription_count, 2);
    assert.equal(res.json.channels[pres].subscription_count, 2);
    assert.equal(res.json.channels[pres].user_count, 2);
  });

  test('triggerBatch delivers every event of the batch', T, async () => {
    const c1 = uniq('batch-');
    const c2 = uniq('private-batch-');
    const client = await connect();
    const r1 = new Recorder(await subscribe(client, c1));
    const r2 = new Recorder(await subscribe(client, c2));
    const res = await http(serverSdk().triggerBatch([
      { channel: c1, name: 'first', data: { n: 1 } },
      { channel: c2, name: 'second', data: { n: 2 } },
      { channel: c1, name: 'third', data: 'plain string' },
    ]));
    assert.equal(res.status, 200, res.body);
    assert.deepEqual(await r1.wait('first'), { n: 1 });
    assert.deepEqual(await r2.wait('second'), { n: 2 });
    assert.equal(await r1.wait('third'), 'plain string');
  });

  test('triggerBatch with info returns attributes per event', T, async () => {
    const c1 = uniq('batch-');
    const client = await connect();
    await subscribe(client, c1);
    const res = await http(serverSdk().triggerBatch([
      { channel: c1, name: 'a', data: {}, info: 'subscription_count' },
      { channel: uniq('empty-'), name: 'b', data: {}, info: 'subscription_count' },
    ]));
    assert.equal(res.status, 200, res.body);
    assert.ok(Array.isArray(res.json.batch), `batch attributes expected: ${res.body}`);
    assert.equal(res.json.batch[0].subscription_count, 1);
  });

  test('trigger to several channels at once', T, async () => {
    const names = [uniq('multi-'), uniq('multi-'), uniq('multi-')];
    const client = await connect();
    const channels = await Promise.all(names.map((n) => subscribe(client, n)));
    const waits = channels.map((c) => waitForEvent(c, 'fanout'));
    const res = await http(serverSdk().trigger(names, 'fanout', { all: true }));
    assert.equal(res.status, 200, res.body);
    for (const w of waits) assert.deepEqual(await w, { all: true });
  });

  test('wrong secret: HTTP 401 with a JSON body', T, async () => {
    const sdk = serverSdk(APPS.main, { secret: 'definitely-wrong' });
    const get = await http(sdk.get({ path: '/channels' }));
    assert.equal(get.status, 401, get.body);
    assert.ok(get.json, `JSON error body expected, got: ${get.body}`);
    const post = await http(sdk.trigger(uniq('pub-'), 'x', {}));
    assert.equal(post.status, 401, post.body);
  });

  test('unknown app id: HTTP 404', T, async () => {
    const sdk = serverSdk({ ...APPS.main, id: 'no-such-app' });
    const res = await http(sdk.get({ path: '/channels' }));
    assert.equal(res.status, 404, res.body);
  });

  test('tampered body (body_md5 mismatch): HTTP 401', T, async () => {
    const sdk = serverSdk();
    const body = JSON.stringify({ name: 'x', channels: [uniq('pub-')], data: '{}' });
    const qs = sdk.createSignedQueryString({ method: 'POST', path: `/apps/${APPS.main.id}/events`, body });
    const tampered = body.replace('"x"', '"y"');
    const res = await fetch(`http://${HOST}:${APPS.main.port}/apps/${APPS.main.id}/events?${qs}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: tampered, signal: AbortSignal.timeout(TIMEOUT),
    });
    assert.equal(res.status, 401, await res.text());
  });

  test('expired auth_timestamp: HTTP 401', T, async () => {
    const sdk = serverSdk();
    const path = `/apps/${APPS.main.id}/channels`;
    const realNow = Date.now;
    let qs;
    try {
      Date.now = () => realNow() - 3600 * 1000; // signed an hour ago
      qs = sdk.createSignedQueryString({ method: 'GET', path });
    } finally {
      Date.now = realNow;
    }
    const res = await fetch(`http://${HOST}:${APPS.main.port}${path}?${qs}`, { signal: AbortSignal.timeout(TIMEOUT) });
    assert.equal(res.status, 401, await res.text());
  });
});
