// Sockette, the client SUMU documents, against /gateway: SUMU's ping over ws.json(), and what its reconnect
// rule (none after 1000, 1001 or 1005) makes of the gateway's idle close with gateway.timeout_close_code.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CONNECTION_ID, env, newUser, pongText, quietFor, token, withToken } from '../lib/helpers.mjs'
import { sockette } from '../lib/sockette.mjs'

test('Sockette connects with ?authorization=<JWT> and ws.json ping gets the exact pong', async () => {
  const c = sockette(withToken(env.url, await token(newUser('sock'))))
  try {
    await c.nth('open', 1)
    const pong = await c.ping()
    const id = JSON.parse(pong).connectionId
    assert.match(id, CONNECTION_ID)
    assert.equal(pong, pongText(id))
    assert.equal(await c.ping(), pongText(id), 'the same socket answers every ping with its own id')
  } finally {
    await c.close()
  }
})

test('with timeout_close_code 4000 Sockette reconnects by itself after the idle close', async () => {
  const c = sockette(withToken(env.reconnectUrl, await token(newUser('idle'))))
  try {
    await c.nth('open', 1)
    const first = JSON.parse(await c.ping()).connectionId
    // idle_timeout_sec is 1: the silence after the pong ends the socket
    const closed = await c.nth('close', 1, 8000)
    assert.equal(closed.code, 4000)
    await c.nth('reconnect', 1)
    await c.nth('open', 2)
    const second = JSON.parse(await c.ping()).connectionId
    assert.match(second, CONNECTION_ID)
    assert.notEqual(second, first, 'the new socket has a connection id of its own')
    assert.deepEqual(c.events.slice(0, 4).map((e) => e.type), ['open', 'message', 'close', 'reconnect'])
  } finally {
    await c.close()
  }
})

test('at max_lifetime_sec a busy socket is closed with timeout_close_code too, and Sockette reconnects', async () => {
  const c = sockette(withToken(env.reconnectUrl, await token(newUser('old'))))
  // only while a socket is open: Sockette's json() throws on a socket still connecting
  const isOpen = () => ['open', 'message'].includes(c.events.at(-1)?.type)
  const keepBusy = setInterval(() => { if (isOpen()) c.s.json({ action: 'ping' }) }, 300)
  try {
    await c.nth('open', 1)
    const opened = Date.now()
    // max_lifetime_sec is 2 and the server looks every 5 s; the pings keep the idle timeout away
    const closed = await c.nth('close', 1, 12000)
    assert.equal(closed.code, 4000)
    assert.ok(Date.now() - opened >= 1900, `closed after ${Date.now() - opened} ms, before the lifetime`)
    await c.nth('open', 2)
  } finally {
    clearInterval(keepBusy)
    await c.close()
  }
})

test("with API Gateway's default close code 1001 Sockette stays closed after the idle close", async () => {
  const c = sockette(withToken(env.defaultCloseUrl, await token(newUser('apigw'))))
  try {
    await c.nth('open', 1)
    assert.match(JSON.parse(await c.ping()).connectionId, CONNECTION_ID)
    const closed = await c.nth('close', 1, 8000)
    assert.equal(closed.code, 1001)
    // Sockette would reconnect 200 ms after the close; give it ten times as long
    await quietFor(2000)
    assert.equal(c.count('reconnect'), 0, JSON.stringify(c.events))
    assert.equal(c.count('open'), 1, JSON.stringify(c.events))
  } finally {
    await c.close()
  }
})
