// One y-webrtc peer in its own process: joins a room through the signaling server, adds its line to a
// shared Y.Doc and waits until it sees every expected peer's line, which can only arrive over a WebRTC data
// channel that the signaling server helped set up. Prints "joined" once it has announced itself, then
// "synced <lines>" and exits 0, or exits 1.
//
// usage: node peer.mjs <signaling-url> <room> <my-name> <other-names,...> [password]
import WebSocket from 'ws'
import wrtc from '@roamhq/wrtc'
import * as Y from 'yjs'
import { WebrtcProvider } from 'y-webrtc'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

// lib0/websocket (y-webrtc's signaling client) uses the global WebSocket, which Node 20 lacks
globalThis.WebSocket = WebSocket

const [url, room, me, others, password] = process.argv.slice(2)
const expected = [me, ...others.split(',')].sort()
const timeoutMs = Number(process.env.PEER_TIMEOUT_MS || 30000)

const doc = new Y.Doc()
const provider = new WebrtcProvider(room, doc, {
  signaling: [url],
  password: password || null,
  // no STUN/TURN servers: only host candidates, so the peer connection never leaves this machine
  peerOpts: { wrtc, config: { iceServers: [] } }
})
// tell the test once this peer's announce has gone out (after encryption when there is a password). Two
// peers that announce at the very same moment both send offers, a collision (glare) y-webrtc 10.3.0 does
// not always resolve; a test that starts the second peer after this line is deterministic.
const conn = provider.signalingConns[0]
const send = conn.send.bind(conn)
let announced = false
conn.send = (message) => {
  send(message)
  if (!announced && message.type === 'publish') {
    announced = true
    console.log('joined')
  }
}
const lines = doc.getArray('lines')
lines.push([me])

const finish = (code, message) => {
  clearInterval(resync)
  console.log(message)
  // stay in the room a while so the other peer can still sync from us, and let stdout drain
  setTimeout(() => {
    provider.destroy()
    doc.destroy()
    process.exit(code)
  }, code === 0 ? 3000 : 200)
}

// The first data-channel messages between two wrtc peers are sometimes lost (the non-initiator's channel
// opens a moment later), and y-webrtc 10.3.0 has no resync of its own: like y-websocket's resyncInterval,
// ask every connected peer for what we lack until we have it. The answer also travels over WebRTC.
const resync = setInterval(() => {
  for (const webrtcConn of provider.room?.webrtcConns.values() ?? []) {
    if (webrtcConn.connected) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0) // y-webrtc's messageSync
      syncProtocol.writeSyncStep1(encoder, doc)
      try {
        webrtcConn.peer.send(encoding.toUint8Array(encoder))
      } catch (e) {
        // the channel closed in the meantime; y-webrtc reconnects by itself
      }
    }
  }
}, 500)

const check = () => {
  const seen = [...new Set(lines.toArray())].sort()
  if (JSON.stringify(seen) === JSON.stringify(expected)) {
    lines.unobserve(check)
    clearTimeout(timer)
    clearInterval(resync)
    finish(0, `synced ${seen.join(',')}`)
  }
}
lines.observe(check)
const timer = setTimeout(() => {
  const peers = [...(provider.room?.webrtcConns.keys() ?? [])]
  finish(1, `timeout: saw ${JSON.stringify(lines.toArray())}, webrtc peers ${JSON.stringify(peers)}`)
}, timeoutMs)
check()
