// Sockette as SUMU's browser code uses it. Sockette needs a global WebSocket, which Node 20 only has behind
// --experimental-websocket; `ws` stands in for it there (Node 22+ has its own).
import Sockette from 'sockette'
import WebSocket from 'ws'
import { until } from './helpers.mjs'

if (typeof globalThis.WebSocket === 'undefined') globalThis.WebSocket = WebSocket

/**
 * A Sockette client that records its callbacks in order: `{type: 'open' | 'message' | 'reconnect' | 'close'
 * | 'error', data?, code?}`. It reconnects after `timeout` ms (Sockette's default is 1000).
 */
export const sockette = (url, timeout = 200) => {
  const events = []
  const s = new Sockette(url, {
    timeout,
    maxAttempts: 10,
    onopen: () => events.push({ type: 'open' }),
    onmessage: (e) => events.push({ type: 'message', data: String(e.data) }),
    onreconnect: () => events.push({ type: 'reconnect' }),
    onclose: (e) => events.push({ type: 'close', code: e.code, reason: e.reason }),
    onerror: (e) => events.push({ type: 'error', message: e?.message ?? String(e) })
  })
  const count = (type) => events.filter((e) => e.type === type).length
  /** Resolves with the `n`th (1-based) event of `type`. */
  const nth = (type, n, ms = 5000) =>
    until(`Sockette event ${type} #${n} (events so far: ${JSON.stringify(events)})`,
      () => events.filter((e) => e.type === type)[n - 1], ms)
  /** Sends `{"action":"ping"}` with ws.json() and resolves with the pong's text. */
  const ping = async () => {
    const seen = count('message')
    s.json({ action: 'ping' })
    return (await nth('message', seen + 1)).data
  }
  /** Closes for good (Sockette's close() also stops its reconnect timer); waits for the close if open. */
  const close = async () => {
    const open = events.at(-1)?.type !== 'close'
    const closes = count('close')
    s.close()
    if (open) await nth('close', closes + 1)
  }
  return { s, events, count, nth, ping, close }
}
