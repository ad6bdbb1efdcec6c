// Presence channels with pusher-js: roster on subscribe, member_added / member_removed, one member per user
// however many connections ("tabs") it has.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, Recorder, closeAll, connect, disconnect, http, serverSdk, subscribe, uniq, uniqNumber, sentinel,
} from './helpers.mjs';

const T = { timeout: 20000 };
const member = (id, info = { name: id }) => ({ presence: { user_id: id, user_info: info } });

async function usersOf(name) {
  const res = await http(serverSdk().get({ path: `/channels/${name}/users` }));
  assert.equal(res.status, 200, res.body);
  return res.json.users.map((u) => u.id).sort();
}

describe('presence', () => {
  afterEach(closeAll);

  test('subscription_succeeded gives the roster; existing members get member_added', T, async () => {
    const name = uniq('presence-');
    const alice = await connect(APPS.main, member('p-alice', { name: 'Alice', role: 'admin' }));
    const ca = await subscribe(alice, name);
    const ra = new Recorder(ca);
    assert.equal(ca.members.count, 1);
    assert.equal(ca.members.me.id, 'p-alice');
    assert.deepEqual(ca.members.me.info, { name: 'Alice', role: 'admin' });

    const bob = await connect(APPS.main, member('p-bob', { name: 'Bob' }));
    const cb = await subscribe(bob, name);
    assert.equal(cb.members.count, 2);
    assert.deepEqual(cb.members.get('p-alice').info, { name: 'Alice', role: 'admin' });
    assert.equal(cb.members.me.id, 'p-bob');
    const added = await ra.wait('pusher:member_added');
    assert.equal(added.id, 'p-bob');
    assert.deepEqual(added.info, { name: 'Bob' });
    assert.equal(ca.members.count, 2);
  });

  test('member_removed when a member unsubscribes, and when it disconnects', T, async () => {
    const name = uniq('presence-');
    const alice = await connect(APPS.main, member('p-alice'));
    const ra = new Recorder(await subscribe(alice, name));
    const bob = await connect(APPS.main, member('p-bob'));
    await subscribe(bob, name);
    const carol = await connect(APPS.main, member('p-carol'));
    await subscribe(carol, name);
    await ra.wait('pusher:member_added', { filter: (m) => m.id === 'p-carol' });

    bob.unsubscribe(name);
    assert.equal((await ra.wait('pusher:member_removed', { filter: (m) => m.id === 'p-bob' })).id, 'p-bob');
    await disconnect(carol);
    await ra.wait('pusher:member_removed', { filter: (m) => m.id === 'p-carol' });
    assert.deepEqual(Object.keys(alice.channel(name).members.members), ['p-alice']);
  });

  test('the same user in two tabs is one member: member_removed only after the last tab leaves', T, async () => {
    const name = uniq('presence-');
    const observer = await connect(APPS.main, member('p-observer'));
    const co = await subscribe(observer, name);
    const ro = new Recorder(co);

    const tab1 = await connect(APPS.main, member('p-dana', { name: 'Dana' }));
    const r1 = new Recorder(await subscribe(tab1, name));
    await ro.wait('pusher:member_added', { filter: (m) => m.id === 'p-dana' });

    const tab2 = await connect(APPS.main, member('p-dana', { name: 'Dana' }));
    const c2 = await subscribe(tab2, name);
    const r2 = new Recorder(c2);
    assert.equal(c2.members.count, 2, 'second tab sees observer + dana');
    await sentinel(name, [ro, r1, r2]);
    assert.equal(ro.count('pusher:member_added', (m) => m.id === 'p-dana'), 1, 'second tab must not add the user again');
    assert.equal(r1.count('pusher:member_added'), 0, 'a tab must not see its own user added');
    assert.equal(co.members.count, 2);
    assert.deepEqual(await usersOf(name), ['p-dana', 'p-observer']);

    tab1.unsubscribe(name);
    await sentinel(name, [ro, r2]);
    assert.equal(ro.count('pusher:member_removed'), 0, 'dana still has a tab open');
    assert.deepEqual(await usersOf(name), ['p-dana', 'p-observer']);

    await disconnect(tab2);
    const removed = await ro.wait('pusher:member_removed');
    assert.equal(removed.id, 'p-dana');
    assert.equal(co.members.count, 1);
    assert.deepEqual(await usersOf(name), ['p-observer']);
  });

  test('member_added / member_removed / subscription_succeeded data are JSON strings on the wire', T, async () => {
    const name = uniq('presence-');
    const a = await RawClient.connect();
    const ok = await a.subscribe(name, { channelData: { user_id: 'w-a', user_info: { n: 1 } } });
    assert.equal(typeof ok.rawData, 'string');
    assert.deepEqual(ok.data.presence, { ids: ['w-a'], hash: { 'w-a': { n: 1 } }, count: 1 });
    const b = await RawClient.connect();
    await b.subscribe(name, { channelData: { user_id: 'w-b', user_info: { n: 2 } } });
    const added = await a.next('pusher_internal:member_added');
    assert.equal(typeof added.rawData, 'string');
    assert.deepEqual(added.data, { user_id: 'w-b', user_info: { n: 2 } });
    await b.close();
    const removed = await a.next('pusher_internal:member_removed');
    assert.equal(typeof removed.rawData, 'string');
    assert.deepEqual(removed.data, { user_id: 'w-b' });
  });

  test('a numeric user_id stays a number: roster ids, member_added, member_removed and /users', T, async () => {
    // Laravel signs integer ids; soketi hands them on as numbers, and app code compares with ===
    const name = uniq('presence-num-');
    const n = uniqNumber();
    const m = uniqNumber();
    const alice = await connect(APPS.main, member(n, { name: 'N' }));
    const ca = await subscribe(alice, name);
    const ra = new Recorder(ca);
    const raw = await RawClient.connect();
    const ok = await raw.subscribe(name, { channelData: { user_id: m, user_info: { name: 'M' } } });
    assert.equal(ok.event, 'pusher_internal:subscription_succeeded');
    const { ids, hash, count } = ok.data.presence;
    assert.equal(count, 2);
    assert.ok(ids.includes(n) && ids.includes(m), `ids are numbers: ${JSON.stringify(ids)}`);
    assert.deepEqual(hash[String(n)], { name: 'N' });
    const added = await ra.wait('pusher:member_added');
    assert.strictEqual(added.id, m);
    const users = await usersOf(name);
    assert.ok(users.includes(n) && users.includes(m), `/users lists numbers: ${JSON.stringify(users)}`);
    await raw.close();
    assert.strictEqual((await ra.wait('pusher:member_removed')).id, m);
  });

  test('a member whose close has resolved is gone from /users and the channel at once', T, async () => {
    // the server leaves the channels before it answers the close frame, so no polling is needed here
    for (let i = 0; i < 10; i += 1) {
      const name = uniq('presence-gone-');
      const raw = await RawClient.connect();
      await raw.subscribe(name, { channelData: { user_id: `gone-${i}`, user_info: {} } });
      const closed = await raw.close();
      assert.ok(closed && (closed.code === 1005 || closed.code === 1000), `a clean close: ${JSON.stringify(closed)}`);
      const users = await http(serverSdk().get({ path: `/channels/${name}/users` }));
      assert.deepEqual(users.json, { users: [] }, `round ${i}`);
      const ch = await http(serverSdk().get({ path: `/channels/${name}`, params: { info: 'subscription_count,user_count' } }));
      assert.equal(ch.json.occupied, false, `round ${i}: ${ch.body}`);
    }
  });

  test('presence subscribe without channel_data is refused', T, async () => {
    const raw = await RawClient.connect();
    const name = uniq('presence-');
    const auth = serverSdk().authorizeChannel(raw.socketId, name); // signed, but no user data
    raw.send({ event: 'pusher:subscribe', data: { channel: name, auth: auth.auth } });
    const answer = await raw.nextOrClose((m) => m.event === 'pusher:subscription_error' || m.event === 'pusher:error' || m.event === 'pusher_internal:subscription_succeeded');
    assert.ok(answer.closed || answer.event !== 'pusher_internal:subscription_succeeded', 'must not succeed without channel_data');
    const other = await RawClient.connect();
    await other.ping(); // the server is fine
  });
});
