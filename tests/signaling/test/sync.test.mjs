// Two real y-webrtc peers, each in its own Node process with a real WebRTC stack (@roamhq/wrtc), sync a
// Y.Doc through Switchboard's /signaling: without a room password, with one (signaling messages are then
// encrypted end to end and opaque to the server), and with a JWT on a server that requires one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'

const peerScript = fileURLToPath(new URL('../peer.mjs', import.meta.url))
const plainUrl = process.env.SIGNALING_URL
const authUrl = process.env.SIGNALING_AUTH_URL
const secret = process.env.SIGNALING_HMAC_SECRET

/**
 * Starts one peer process. `joined` resolves when it has subscribed to the room (or exited), `done` with
 * its exit code and output.
 */
const peer = (url, room, me, other, password) => {
  const args = [peerScript, url, room, me, other]
  if (password) args.push(password)
  const p = spawn(process.execPath, args, { env: { ...process.env, PEER_TIMEOUT_MS: '30000' } })
  let out = ''
  let onJoined
  const joined = new Promise((resolve) => { onJoined = resolve })
  p.stdout.on('data', (d) => {
    out += d
    if (out.includes('joined')) onJoined()
  })
  p.stderr.on('data', (d) => { out += d })
  const done = new Promise((resolve) => p.on('exit', (code) => {
    onJoined()
    resolve({ code, out: out.trim() })
  }))
  return { joined, done }
}

const syncTwoPeers = async (url, password, bobUrl = url) => {
  const room = `room-${randomUUID()}`
  // alice first, as when someone opens a document others join later: bob's announce reaches alice, who
  // sends the offer; bob answers. Every message between them goes through the server.
  const alice = peer(url, room, 'alice', 'bob', password)
  await alice.joined
  const bob = peer(bobUrl, room, 'bob', 'alice', password)
  const [a, b] = await Promise.all([alice.done, bob.done])
  const both = `alice:\n${a.out}\nbob:\n${b.out}`
  assert.equal(a.code, 0, both)
  assert.equal(b.code, 0, both)
  assert.match(a.out, /synced alice,bob/)
  assert.match(b.out, /synced alice,bob/)
}

const b64url = (s) => Buffer.from(s).toString('base64url')
const hs256 = (claims) => {
  const body = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

/** Resolves with the close code the server sends to a raw client connecting to url. */
const closeCodeOf = async (url) => (await refusalOf(url)).code

/** Resolves with the close code and the error frames' messages the server sends before closing. */
const refusalOf = (url) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url)
  const errors = []
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString())
    if (m.type === 'error') errors.push(m.message)
  })
  ws.on('close', (code) => resolve({ code, errors: errors.join('\n') }))
  ws.on('error', reject)
})

const now = () => Math.floor(Date.now() / 1000)

test('two y-webrtc peers sync a Y.Doc through /signaling', { timeout: 60000 }, async () => {
  await syncTwoPeers(plainUrl)
})

test('two y-webrtc peers sync with a room password (encrypted signaling)', { timeout: 60000 }, async () => {
  await syncTwoPeers(plainUrl, 'correct horse battery staple')
})

test('two y-webrtc peers sync with a valid JWT on a server that requires one', { timeout: 60000 }, async () => {
  const token = hs256({ aud: 'yjs-tests', exp: now() + 600, topics: ['room-*'] })
  await syncTwoPeers(`${authUrl}?token=${token}`)
})

test('two y-webrtc peers on two nodes sharing Redis sync through the cluster', { timeout: 60000 }, async () => {
  await syncTwoPeers(process.env.SIGNALING_NODE1_URL, undefined, process.env.SIGNALING_NODE2_URL)
})

test('the auth server refuses a socket without a token with 4009', { timeout: 10000 }, async () => {
  assert.equal(await closeCodeOf(authUrl), 4009)
})

test('the auth server refuses an expired token with 4009, saying so', { timeout: 10000 }, async () => {
  // an hour past exp: well beyond any clock-skew allowance; otherwise a token that would sync
  const token = hs256({ aud: 'yjs-tests', exp: now() - 3600, topics: ['room-*'] })
  const { code, errors } = await refusalOf(`${authUrl}?token=${token}`)
  assert.equal(code, 4009)
  assert.match(errors, /Expired/)
})

test('the auth server refuses a token for another audience with 4009, saying so', { timeout: 10000 }, async () => {
  const token = hs256({ aud: 'another-app', exp: now() + 600, topics: ['room-*'] })
  const { code, errors } = await refusalOf(`${authUrl}?authorization=Bearer%20${token}`)
  assert.equal(code, 4009)
  assert.match(errors, /aud/)
})
