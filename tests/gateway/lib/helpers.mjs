// What the gateway tests share: the servers run.sh started, HS256 tokens signed with jose, a poll with a
// deadline (every wait in these tests is bounded; none sleeps to synchronise), and clients that record what
// they receive.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import WebSocket from 'ws'

const need = (name) => {
  const v = process.env[name]
  assert.ok(v, `${name} is not set: run the tests with tests/gateway/run.sh`)
  return v
}

export const env = {
  url: need('GATEWAY_URL'),
  node2Url: need('GATEWAY_NODE2_URL'),
  reconnectUrl: need('GATEWAY_RECONNECT_URL'),
  defaultCloseUrl: need('GATEWAY_DEFAULT_CLOSE_URL'),
  secret: new TextEncoder().encode(need('GATEWAY_HMAC_SECRET')),
  redisUrl: need('GATEWAY_REDIS_URL'),
  sendStream: need('GATEWAY_SEND_STREAM'),
  presenceStream: need('GATEWAY_PRESENCE_STREAM')
}

/** A user id no other test or run uses. */
export const newUser = (name) => `${name}-${randomUUID().slice(0, 8)}`

/**
 * An HS256 token for `sub`, as a SUMU backend's login would issue it: audience `chat`, an hour left. `edit`
 * may change the builder (another audience, an expiry in the past).
 */
export const token = (sub, edit = (b) => b) =>
  edit(new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(sub).setAudience('chat')
    .setIssuedAt().setExpirationTime('1h')).sign(env.secret)

/** SUMU's connect URL: the token in `?authorization=`. */
export const withToken = (base, jwt) => `${base}?authorization=${jwt}`

/** Resolves with what `check()` returns once it is truthy; rejects after `ms` naming `what`. */
export const until = async (what, check, ms = 5000) => {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Waits `ms`; only to show that something does NOT happen within a bounded time. */
export const quietFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The exact text of SUMU's pong for `connectionId`. */
export const pongText = (connectionId) => `{"type":"pong","statusCode":200,"connectionId":"${connectionId}"}`

/** API Gateway's connection ids: eleven bytes in URL-safe base64. */
export const CONNECTION_ID = /^[A-Za-z0-9_-]{15}=$/

/**
 * A `ws` client that keeps every text message and its close code. `opened` resolves on the 101 and
 * rejects on an error before it.
 */
export const connect = (url, options) => {
  const ws = new WebSocket(url, options)
  const c = { ws, texts: [], closed: null }
  ws.on('message', (data, isBinary) => { if (!isBinary) c.texts.push(data.toString()) })
  ws.on('close', (code, reason) => { c.closed = { code, reason: reason.toString() } })
  c.opened = new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.on('error', (e) => { // kept: an error event without a listener would end the test process
      c.error = e
      reject(e)
    })
  })
  /** Sends `frame` (an object as JSON, a string as it is) and resolves with the next text message. */
  c.ask = async (frame) => {
    const seen = c.texts.length
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
    return until(`an answer to ${JSON.stringify(frame)}`, () => c.texts[seen])
  }
  /** The connection id, from SUMU's ping. */
  c.connectionId = async () => JSON.parse(await c.ask({ action: 'ping' })).connectionId
  /** Closes (1000) and resolves once the server's close frame or TCP close arrived. */
  c.close = async () => {
    if (c.closed == null) ws.close(1000)
    return until('the close handshake', () => c.closed)
  }
  return c
}

/**
 * The HTTP answer to an upgrade the server must refuse, as `ws` reports it through 'unexpected-response':
 * `{status, body, contentType}`. Rejects when the upgrade succeeds.
 */
export const refusal = (url, options) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url, options)
  ws.on('error', () => {}) // terminate() below reports the aborted handshake as an error
  ws.on('open', () => {
    ws.terminate()
    reject(new Error(`the upgrade to ${url} was accepted`))
  })
  ws.on('unexpected-response', (req, res) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (d) => { text += d })
    res.on('end', () => {
      ws.terminate()
      try {
        resolve({ status: res.statusCode, body: JSON.parse(text), contentType: res.headers['content-type'] })
      } catch (e) {
        reject(new Error(`HTTP ${res.statusCode} with a body that is not JSON: ${text}`))
      }
    })
  })
})
