// Client frames and presence events into Redis streams, read back with the `redis` client as a SUMU backend
// reads its SQS queue: the `send` route's entry carries the frame's `message` and who sent it; a user's two
// sockets make one ONLINE, and the last one closing makes one OFFLINE.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { CONNECTION_ID, connect, env, newUser, token, until, withToken } from '../lib/helpers.mjs'
import { sockette } from '../lib/sockette.mjs'
import { entries as entriesOf, presenceOf as presenceIn, redisClient } from '../lib/streams.mjs'

let redis

before(async () => {
  redis = await redisClient()
})

after(async () => {
  await redis?.quit()
})

const entries = (stream) => entriesOf(redis, stream)
const presenceOf = (user) => presenceIn(redis, user)

test('a send frame from Sockette reaches the redis_stream sink with its attributes', async () => {
  const user = newUser('sender')
  const startedAt = Date.now()
  const c = sockette(withToken(env.url + '/other-key', await token(user)))
  try {
    await c.nth('open', 1)
    const connectionId = JSON.parse(await c.ping()).connectionId
    assert.match(connectionId, CONNECTION_ID)
    c.s.json({ action: 'send', message: { text: 'hi', n: 1 } })
    const entry = await until(`an entry of ${user} in ${env.sendStream}`,
      async () => (await entries(env.sendStream)).find((e) => e.fields.user_id === user))
    const f = entry.fields
    assert.deepEqual(JSON.parse(f.body), { text: 'hi', n: 1 })
    assert.equal(f.source, 'gateway.route.send')
    assert.equal(f.user_id, user, 'the JWT sub')
    assert.equal(f.connection_id, connectionId, "the pong's connectionId")
    assert.equal(f.app_id, 'other-id', 'the app of the key in the path')
    assert.match(f.timestamp, /^\d{13}$/)
    assert.ok(Number(f.timestamp) >= startedAt - 1000 && Number(f.timestamp) <= Date.now() + 1000, f.timestamp)
    assert.deepEqual(Object.keys(f), ['body', 'source', 'user_id', 'connection_id', 'app_id', 'timestamp'])
  } finally {
    await c.close()
  }
})

test('a frame on /gateway itself goes to the first app, gateway.app_id by default', async () => {
  const user = newUser('plain')
  const c = connect(withToken(env.url, await token(user)))
  await c.opened
  try {
    c.ws.send(JSON.stringify({ action: 'send', message: 'just a string' }))
    const entry = await until(`an entry of ${user}`,
      async () => (await entries(env.sendStream)).find((e) => e.fields.user_id === user))
    assert.equal(entry.fields.app_id, 'app-id')
    assert.equal(JSON.parse(entry.fields.body), 'just a string')
  } finally {
    await c.close()
  }
})

test("ONLINE once for a user's two sockets, OFFLINE after the last one closes", async () => {
  const user = newUser('pat')
  const jwt = await token(user)
  const a = connect(withToken(env.url, jwt))
  await a.opened
  const online = await until(`ONLINE of ${user}`, async () => (await presenceOf(user))[0])
  assert.deepEqual(Object.keys(online.body), ['type', 'message'])
  assert.equal(online.body.type, 'presence')
  assert.deepEqual(Object.keys(online.body.message), ['user_id', 'status', 'timestamp'])
  assert.equal(online.body.message.status, 'ONLINE')
  assert.equal(typeof online.body.message.timestamp, 'number')
  assert.equal(online.fields.source, 'gateway.presence')
  assert.equal(online.fields.user_id, user)
  assert.equal(online.fields.app_id, 'app-id')

  const b = connect(withToken(env.url, jwt))
  await b.opened
  assert.notEqual(await b.connectionId(), await a.connectionId())
  await a.close()
  // a marker: another user's ONLINE is written after anything the server did for a's close and b's open
  const marker = newUser('marker')
  const m = connect(withToken(env.url, await token(marker)))
  await m.opened
  await until(`ONLINE of ${marker}`, async () => (await presenceOf(marker)).length === 1)
  assert.deepEqual((await presenceOf(user)).map((e) => e.body.message.status), ['ONLINE'],
    'the second socket and the first one closing change nothing while the user has a socket')

  await b.close()
  const events = await until(`OFFLINE of ${user}`, async () => {
    const all = await presenceOf(user)
    return all.length >= 2 && all
  })
  assert.deepEqual(events.map((e) => e.body.message.status), ['ONLINE', 'OFFLINE'])
  assert.ok(events[1].body.message.timestamp >= online.body.message.timestamp)
  await m.close()
})
