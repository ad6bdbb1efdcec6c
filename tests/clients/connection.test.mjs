// Connection handshake and app-level refusals: connection_established, ping/pong, unknown key (4001),
// disabled app (4003).
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  APPS, RawClient, closeAll, connect, createClient, disconnect, pingBarrier, pusherErrorData, waitForEvent,
} from './helpers.mjs';

const T = { timeout: 20000 };

/** Connects a pusher-js client that the server refuses and returns the pusher:error data it reported. */
async function refusedPusherJs(app, key) {
  const client = createClient({ ...app, key });
  try {
    const err = await waitForEvent(client.connection, 'error', { filter: (e) => !!pusherErrorData(e), label: 'pusher:error on pusher-js' });
    return { err: pusherErrorData(err), client };
  } finally {
    await disconnect(client);
  }
}

describe('connection', () => {
  afterEach(closeAll);

  test('pusher:connection_established data is a JSON string with socket_id and activity_timeout', T, async () => {
    const raw = await RawClient.connect();
    const msg = raw.established;
    assert.equal(typeof msg.rawData, 'string', 'data must be a JSON-encoded string');
    assert.match(msg.data.socket_id, /^\d+\.\d+$/);
    assert.equal(typeof msg.data.activity_timeout, 'number');
  });

  test('activity_timeout is the configured 120 s', T, async () => {
    const raw = await RawClient.connect();
    assert.equal(raw.established.data.activity_timeout, 120);
  });

  test('pusher:ping is answered with pusher:pong (raw and pusher-js)', T, async () => {
    const raw = await RawClient.connect();
    const pong = await raw.ping();
    assert.equal(pong.event, 'pusher:pong');
    const client = await connect();
    await pingBarrier(client);
  });

  test('every connection gets its own socket id', T, async () => {
    const clients = await Promise.all([connect(), connect(), connect()]);
    const ids = new Set(clients.map((c) => c.connection.socket_id));
    assert.equal(ids.size, 3);
  });

  test('unknown app key: pusher:error 4001 then close 4001', T, async () => {
    const raw = await RawClient.connect(APPS.main, { key: 'no-such-key', established: false });
    const err = await raw.next('pusher:error');
    assert.equal(err.data.code, 4001);
    assert.equal((await raw.waitClosed()).code, 4001);
    const { err: jsErr } = await refusedPusherJs(APPS.main, 'no-such-key');
    assert.equal(jsErr.code, 4001);
  });

  test('disabled app: pusher:error 4003 then close 4003', T, async () => {
    const raw = await RawClient.connect(APPS.disabled, { established: false });
    const err = await raw.next('pusher:error');
    assert.equal(err.data.code, 4003);
    assert.equal((await raw.waitClosed()).code, 4003);
    const { err: jsErr } = await refusedPusherJs(APPS.disabled, APPS.disabled.key);
    assert.equal(jsErr.code, 4003);
  });
});
