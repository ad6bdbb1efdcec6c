// TLS: pusher-js over wss:// and the Node server SDK over https:// against a second Switchboard that run.sh
// starts with soketi's SOKETI_SSL_CERT / SOKETI_SSL_KEY and a certificate it makes with openssl. Node trusts
// that certificate through NODE_EXTRA_CA_CERTS (set by run.sh), as a deployment with a private CA would.
// Skipped when SB_TLS_PORT is not set (a suite run against a server started by hand).
import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { APPS, HOST, TIMEOUT, closeAll, connect, serverSdk, waitForEvent, withTimeout } from './helpers.mjs';

const TLS_PORT = Number(process.env.SB_TLS_PORT || 0);
const T = { timeout: 20000, skip: TLS_PORT ? false : 'SB_TLS_PORT is not set (run.sh sets it)' };
const tlsApp = { ...APPS.main, port: TLS_PORT };
const wss = { pusherOptions: { forceTLS: true, wsPort: TLS_PORT, wssPort: TLS_PORT } };

describe('tls', () => {
  afterEach(closeAll);

  test('pusher-js over wss:// gets an event the server SDK triggers over https://', T, async () => {
    const client = await connect(tlsApp, wss);
    const channel = client.subscribe('tls-news');
    await waitForEvent(channel, 'pusher:subscription_succeeded');
    const got = waitForEvent(channel, 'headline');
    const res = await serverSdk(tlsApp, { useTLS: true }).trigger('tls-news', 'headline', { text: 'over https' });
    assert.equal(res.status, 200);
    assert.deepEqual(await got, { text: 'over https' });
  });

  test('the socket is TLS 1.2 or 1.3 and the certificate is the one run.sh made', T, async () => {
    const ws = new WebSocket(`wss://${HOST}:${TLS_PORT}/app/${APPS.main.key}?protocol=7&client=js&version=8.6.0`);
    try {
      const first = await withTimeout(new Promise((resolve, reject) => {
        ws.once('message', (m) => resolve(JSON.parse(m.toString())));
        ws.once('error', reject);
      }), TIMEOUT, 'connection_established over wss');
      assert.equal(first.event, 'pusher:connection_established');
      assert.match(ws._socket.getProtocol(), /^TLSv1\.[23]$/);
      assert.equal(ws._socket.getPeerCertificate().subject.CN, 'switchboard-client-tests');
    } finally {
      ws.terminate();
    }
  });

  test('a plain ws:// client on the TLS port does not get through', T, async () => {
    const ws = new WebSocket(`ws://${HOST}:${TLS_PORT}/app/${APPS.main.key}?protocol=7`);
    const outcome = await withTimeout(new Promise((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('error'));
      ws.once('close', () => resolve('close'));
    }), TIMEOUT, 'the plain client to fail');
    ws.terminate();
    assert.notEqual(outcome, 'open');
  });
});
