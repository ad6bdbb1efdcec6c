// Bad input over a raw WebSocket (ws): malformed and oversized frames get a clear error, never a crash or a
// hang, and other connections keep working. Subscribe/unsubscribe churn leaves no channel or member behind.
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  RawClient, Recorder, closeAll, connect, eventually, http, serverSdk, subscribe, uniq, sentinel,
} from './helpers.mjs';

const T = { timeout: 30000 };

/** A pusher-js bystander on a public channel: proves other connections are unaffected. */
async function bystander() {
  const name = uniq('bystander-');
  const client = await connect();
  const rec = new Recorder(await subscribe(client, name));
  return {
    async stillWorks() {
      await sentinel(name, [rec]);
      assert.equal(client.connection.state, 'connected', 'bystander must stay connected');
      const fresh = await RawClient.connect(); // and new connections are still accepted
      await fresh.ping();
      await fresh.close();
    },
  };
}

/** Waits for the server's answer to bad input: a pusher:error, or (where allowed) a close with a proper code. */
async function answerTo(raw, { allowClose = false, allowSubscriptionError = false } = {}) {
  const answer = await raw.nextOrClose((m) => m.event === 'pusher:error' || (allowSubscriptionError && m.event === 'pusher:subscription_error'));
  if (answer.closed) {
    assert.ok(allowClose, `expected pusher:error, the socket was closed instead: ${JSON.stringify(answer.closed)}`);
    const { code } = answer.closed;
    assert.ok([1003, 1007, 1008, 1009].includes(code) || (code >= 4000 && code < 5000), `close code must explain the refusal, got ${code}`);
    return answer;
  }
  if (answer.event === 'pusher:error') {
    assert.equal(typeof answer.data, 'object', `pusher:error data must be an object: ${answer.rawData}`);
    assert.notEqual(answer.data.code, 4200, 'the server must not go down (4200) because of one bad frame');
    assert.equal(typeof answer.data.message, 'string', `pusher:error needs a message: ${JSON.stringify(answer.data)}`);
  }
  return answer;
}

describe('bad input', () => {
  afterEach(closeAll);

  test('non-JSON text frame: pusher:error, other connections unaffected', T, async () => {
    const other = await bystander();
    const raw = await RawClient.connect();
    raw.sendRaw('this is {not json');
    await answerTo(raw);
    await other.stillWorks();
  });

  test('binary garbage frame: pusher:error (or a close with a clear code), others unaffected', T, async () => {
    const other = await bystander();
    const raw = await RawClient.connect();
    raw.sendRaw(crypto.randomBytes(512), { binary: true });
    await answerTo(raw, { allowClose: true });
    await other.stillWorks();
  });

  test('JSON without an event field: pusher:error, others unaffected', T, async () => {
    const other = await bystander();
    const raw = await RawClient.connect();
    raw.send({ data: { channel: 'x' } });
    await answerTo(raw);
    await other.stillWorks();
  });

  test('JSON that is not an object, or with a non-string event: pusher:error', T, async () => {
    const other = await bystander();
    for (const frame of ['[1,2,3]', '"just a string"', '42', 'null', '{"event":123,"data":{}}', '{"event":null}']) {
      const raw = await RawClient.connect();
      raw.sendRaw(frame);
      await answerTo(raw);
      await raw.close();
    }
    await other.stillWorks();
  });

  test('pusher:subscribe without data or channel: an error, not a crash', T, async () => {
    const other = await bystander();
    for (const frame of [
      { event: 'pusher:subscribe' },
      { event: 'pusher:subscribe', data: 'private-x' },
      { event: 'pusher:subscribe', data: {} },
      { event: 'pusher:subscribe', data: { channel: 42 } },
      { event: 'pusher:unsubscribe' },
      { event: 'pusher:signin', data: {} },
    ]) {
      const raw = await RawClient.connect();
      raw.send(frame);
      await answerTo(raw, { allowSubscriptionError: true, allowClose: frame.event === 'pusher:signin' });
      await raw.close();
    }
    await other.stillWorks();
  });

  test('oversized client-event frame (2 MB): pusher:error (or close 1009), others unaffected', T, async () => {
    const other = await bystander();
    const raw = await RawClient.connect();
    const name = uniq('private-');
    assert.equal((await raw.subscribe(name)).event, 'pusher_internal:subscription_succeeded');
    raw.send({ event: 'client-huge', channel: name, data: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    await answerTo(raw, { allowClose: true });
    await other.stillWorks();
  });

  test('deeply nested JSON: an error, not a crash', T, async () => {
    const other = await bystander();
    const raw = await RawClient.connect();
    const depth = 20000;
    raw.sendRaw(`{"event":"pusher:subscribe","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    await answerTo(raw, { allowClose: true, allowSubscriptionError: true });
    await other.stillWorks();
  });

  test('1,000 subscribe/unsubscribe cycles leave no channel or presence member behind', T, async () => {
    const prefix = uniq('churn') + '-';
    const presence = `presence-${prefix}room`;
    const observer = await RawClient.connect();
    await observer.subscribe(presence, { channelData: { user_id: 'churn-observer', user_info: {} } });

    const raw = await RawClient.connect();
    const sdk = serverSdk();
    const presenceAuth = sdk.authorizeChannel(raw.socketId, presence, { user_id: 'churn-user', user_info: { n: 1 } });
    const channels = Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);
    for (let i = 0; i < 1000; i += 1) {
      if (i % 2 === 0) {
        const channel = channels[i % channels.length];
        raw.send({ event: 'pusher:subscribe', data: { channel } });
        raw.send({ event: 'pusher:unsubscribe', data: { channel } });
      } else {
        raw.send({ event: 'pusher:subscribe', data: { channel: presence, auth: presenceAuth.auth, channel_data: presenceAuth.channel_data } });
        raw.send({ event: 'pusher:unsubscribe', data: { channel: presence } });
      }
      if (i % 100 === 99) await raw.ping(20000); // keep the pipeline bounded
    }
    await raw.ping(20000);
    // a handful of sockets that subscribe and then just vanish (no unsubscribe, no close frame)
    for (let i = 0; i < 20; i += 1) {
      const ghost = await RawClient.connect();
      await ghost.subscribe(channels[i % channels.length]);
      await ghost.subscribe(presence, { channelData: { user_id: `ghost-${i}`, user_info: {} } });
      ghost.terminate();
    }

    await eventually(async () => {
      const res = await http(sdk.get({ path: '/channels', params: { filter_by_prefix: prefix } }));
      return res.status === 200 && Object.keys(res.json.channels).length === 0 && res;
    }, { timeout: 10000, what: `no ${prefix}* channel left` });
    await eventually(async () => {
      const res = await http(sdk.get({ path: `/channels/${presence}/users` }));
      return res.status === 200 && res.json.users.length === 1 && res.json.users[0].id === 'churn-observer' && res;
    }, { timeout: 10000, what: 'only the observer left in the presence channel' });
    const info = await http(sdk.get({ path: `/channels/${presence}`, params: { info: 'subscription_count,user_count' } }));
    assert.equal(info.json.subscription_count, 1, info.body);
    assert.equal(info.json.user_count, 1, info.body);
    // member_added / member_removed end up balanced for the observer
    const count = (event) => observer.messages.filter((m) => m.event === event).length;
    await eventually(() => count('pusher_internal:member_added') === count('pusher_internal:member_removed'), {
      what: 'balanced member_added / member_removed',
    }).catch((e) => {
      throw new Error(`${e.message}: added ${count('pusher_internal:member_added')}, removed ${count('pusher_internal:member_removed')}`);
    });
    assert.ok(count('pusher_internal:member_added') >= 21, `observer saw the churn user and the ghosts join (${count('pusher_internal:member_added')})`);
    await raw.ping();
  });
});
