// Reading the Redis streams the gateway's sinks write, with the `redis` client, as a backend would.
import { createClient } from 'redis'
import { env } from './helpers.mjs'

/** A connected client; `quit()` it when done. */
export const redisClient = async () => {
  const redis = createClient({ url: env.redisUrl })
  redis.on('error', () => {}) // a failed command still rejects; the listener only keeps the process alive
  await redis.connect()
  return redis
}

/** The stream's entries as `{id, fields}`, oldest first. */
export const entries = async (redis, stream) =>
  (await redis.xRange(stream, '-', '+')).map((e) => ({ id: e.id, fields: { ...e.message } }))

/** The presence events of `user` so far, oldest first, with their parsed bodies. */
export const presenceOf = async (redis, user) => (await entries(redis, env.presenceStream))
  .map((e) => ({ ...e, body: JSON.parse(e.fields.body) }))
  .filter((e) => e.body.message.user_id === user)

/** The statuses of `user`'s presence events so far: `['ONLINE', 'OFFLINE', ...]`. */
export const statusesOf = async (redis, user) => (await presenceOf(redis, user)).map((e) => e.body.message.status)
