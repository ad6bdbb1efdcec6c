// A small load generator for y-webrtc signaling servers (not part of the tests): opens rooms x peers
// sockets, subscribes each to its room, then every peer publishes messages of about 600 bytes (the size
// of an ICE candidate or a small SDP) as fast as the server takes them. Reports connects/s, deliveries/s
// and publish->deliver latency. Works against Switchboard and against y-webrtc's bin/server.js alike.
//
// usage: node bench.mjs <url> [rooms=50] [peers=10] [messages per peer=50]
import WebSocket from 'ws'

const [url, rooms = 50, peers = 10, perPeer = 50] = process.argv.slice(2).map((v, i) => (i === 0 ? v : Number(v)))
const filler = 'x'.repeat(500)
const sockets = []
const latencies = []
let delivered = 0

const open = (room) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url)
  ws.on('error', reject)
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'subscribe', topics: [room] }))
    ws.send(JSON.stringify({ type: 'ping' }))
  })
  ws.on('message', (raw) => {
    const m = JSON.parse(raw)
    if (m.type === 'pong') resolve(ws)
    if (m.type === 'publish') {
      delivered++
      latencies.push(Number(process.hrtime.bigint() - BigInt(m.data.t)) / 1e6)
    }
  })
})

let t0 = performance.now()
for (let r = 0; r < rooms; r++) {
  const batch = []
  for (let p = 0; p < peers; p++) batch.push(open(`bench-room-${r}`))
  sockets.push(...await Promise.all(batch))
}
const connectSecs = (performance.now() - t0) / 1000

const expected = rooms * peers * peers * perPeer
t0 = performance.now()
for (let i = 0; i < perPeer; i++) {
  sockets.forEach((ws, n) => {
    ws.send(JSON.stringify({
      type: 'publish',
      topic: `bench-room-${Math.floor(n / peers)}`,
      data: { type: 'signal', t: process.hrtime.bigint().toString(), filler }
    }))
  })
  await new Promise((resolve) => setImmediate(resolve))
}
while (delivered < expected && performance.now() - t0 < 60000) {
  await new Promise((resolve) => setTimeout(resolve, 5))
}
const secs = (performance.now() - t0) / 1000
latencies.sort((a, b) => a - b)
const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
console.log(JSON.stringify({
  url,
  sockets: sockets.length,
  connects_per_sec: Math.round(sockets.length / connectSecs),
  published: sockets.length * perPeer,
  delivered,
  expected,
  deliveries_per_sec: Math.round(delivered / secs),
  latency_ms_p50: pct(0.5),
  latency_ms_p99: pct(0.99)
}))
sockets.forEach((ws) => ws.terminate())
process.exit(delivered === expected ? 0 : 1)
