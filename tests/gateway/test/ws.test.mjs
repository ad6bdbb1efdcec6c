// The `ws` client against /gateway: refused upgrades as HTTP answers with API Gateway's JSON body (read
// through 'unexpected-response'), the token's other places, API Gateway's Forbidden for an action without a
// route, and the close codes of frames the gateway does not take.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CONNECTION_ID, connect, env, newUser, refusal, token, until, withToken } from '../lib/helpers.mjs'

const appKeyUrl = (key) => env.url + '/' + key

const assertRefused = (r, status, message, reason) => {
  assert.equal(r.status, status, JSON.stringify(r.body))
  assert.equal(r.body.message, message)
  assert.match(r.contentType ?? '', /application\/json/)
  assert.equal(typeof r.body.reason, 'string')
  if (reason) assert.match(r.body.reason, reason)
  assert.deepEqual(Object.keys(r.body).sort(), ['message', 'reason'])
}

test('an upgrade without a token is refused with 401 Unauthorized', async () => {
  assertRefused(await refusal(env.url), 401, 'Unauthorized', /missing token/)
  assertRefused(await refusal(env.url + '?authorization='), 401, 'Unauthorized', /missing token/)
})

test('an expired token is refused with 401 Unauthorized', async () => {
  const expired = await token(newUser('late'), (b) => b.setExpirationTime(Math.floor(Date.now() / 1000) - 3600))
  assertRefused(await refusal(withToken(env.url, expired)), 401, 'Unauthorized', /Expired JWT/)
})

test('a token signed with another secret is refused with 401 Unauthorized', async () => {
  const [head, body] = (await token(newUser('forger'))).split('.')
  const forged = `${head}.${body}.${Buffer.from('not the signature').toString('base64url')}`
  assertRefused(await refusal(withToken(env.url, forged)), 401, 'Unauthorized')
})

test('a token for another audience is refused with 403 Forbidden', async () => {
  const billing = await token(newUser('aud'), (b) => b.setAudience(['billing', 'admin']))
  assertRefused(await refusal(withToken(env.url, billing)), 403, 'Forbidden', /aud/)
})

test('an unknown app key is refused with 404 Not Found', async () => {
  const jwt = await token(newUser('nokey'))
  assertRefused(await refusal(withToken(appKeyUrl('no-such-key'), jwt)), 404, 'Not Found')
})

test('the token may come as Bearer%20<JWT> in the query or in an Authorization header', async () => {
  const jwt = await token(newUser('bearer'))
  for (const c of [connect(withToken(env.url, 'Bearer%20' + jwt)),
    connect(env.url, { headers: { Authorization: 'Bearer ' + jwt } }),
    connect(withToken(appKeyUrl('other-key'), jwt))]) {
    await c.opened
    assert.match(await c.connectionId(), CONNECTION_ID)
    await c.close()
  }
})

test('an action without a route gets the Forbidden frame and the socket stays open', async () => {
  const c = connect(withToken(env.url, await token(newUser('dancer'))))
  await c.opened
  try {
    const id = await c.connectionId()
    for (const frame of [{ action: 'dance', message: { x: 1 } }, { message: 'no action' }, 'not json']) {
      const text = await c.ask(frame)
      const f = JSON.parse(text)
      assert.deepEqual(Object.keys(f), ['message', 'connectionId', 'requestId'], text)
      assert.equal(f.message, 'Forbidden')
      assert.equal(f.connectionId, id)
      assert.match(f.requestId, /^[A-Za-z0-9+/]{16}$/, text)
    }
    assert.equal(c.ws.readyState, c.ws.OPEN)
    assert.equal(c.closed, null)
    assert.equal(await c.connectionId(), id, 'the same socket still answers the ping')
  } finally {
    await c.close()
  }
})

test('a binary frame closes with 1003 and a message over gateway.max_message_kb with 1009', async () => {
  const jwt = await token(newUser('big'))
  const binary = connect(withToken(env.url, jwt))
  await binary.opened
  binary.ws.send(Buffer.from([1, 2, 3]))
  assert.equal((await until('close after a binary frame', () => binary.closed)).code, 1003)

  const big = connect(withToken(env.url, jwt))
  await big.opened
  big.ws.send(JSON.stringify({ action: 'send', message: 'x'.repeat(5000) })) // max_message_kb is 4
  assert.equal((await until('close after a big message', () => big.closed)).code, 1009)
})
