// Presence across two nodes that share a cluster adapter (Redis): a user with a socket on each node is ONLINE
// once for the cluster, stays ONLINE while either socket remains, and goes OFFLINE once after the last one.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, env, newUser, quietFor, token, until, withToken } from '../lib/helpers.mjs'
import { redisClient, statusesOf } from '../lib/streams.mjs'

let redis

before(async () => {
  redis = await redisClient()
})

after(async () => {
  await redis?.quit()
})

const open = async (url, user) => {
  const c = connect(withToken(url, await token(user)))
  await c.opened
  await c.connectionId() // admitted and attached
  return c
}

test('one ONLINE and one OFFLINE for a user with a socket on each of two nodes', async () => {
  const user = newUser('roamer')
  const a = await open(env.url, user)
  await until(`ONLINE of ${user}`, async () => (await statusesOf(redis, user)).length === 1)
  const b = await open(env.node2Url, user)
  await a.close()
  // what a wrong event would look like arrives within milliseconds; a second user's ONLINE through the
  // other node marks that both nodes have handled the changes before it
  const marker = newUser('marker')
  const m = await open(env.node2Url, marker)
  await until(`ONLINE of ${marker}`, async () => (await statusesOf(redis, marker)).length === 1)
  await quietFor(500)
  assert.deepEqual(await statusesOf(redis, user), ['ONLINE'], 'a socket left on node 2: still ONLINE, once')

  await b.close()
  await until(`OFFLINE of ${user}`, async () => (await statusesOf(redis, user)).length >= 2)
  await quietFor(500)
  assert.deepEqual(await statusesOf(redis, user), ['ONLINE', 'OFFLINE'])
  await m.close()
})

test('a user who connects on node 2 only is ONLINE once and OFFLINE once', async () => {
  const users = [newUser('n2a'), newUser('n2b'), newUser('n2c')] // owned by either node
  const sockets = await Promise.all(users.map((u) => open(env.node2Url, u)))
  for (const u of users) await until(`ONLINE of ${u}`, async () => (await statusesOf(redis, u)).length === 1)
  await Promise.all(sockets.map((s) => s.close()))
  for (const u of users) await until(`OFFLINE of ${u}`, async () => (await statusesOf(redis, u)).length === 2)
  await quietFor(500)
  for (const u of users) assert.deepEqual(await statusesOf(redis, u), ['ONLINE', 'OFFLINE'], u)
})
