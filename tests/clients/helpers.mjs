// Shared helpers for the Switchboard client conformance tests.
//
// Server location: SB_HOST (default 127.0.0.1), SB_PORT (default 6001).
// SB_LIMITED_PORT / SB_DISABLED_PORT (default: SB_PORT) exist only so the suite can be checked against
// single-app reference servers (one soketi per app); against Switchboard all three apps live on SB_PORT.
//
// Every wait in here is bounded by a timeout; nothing sleeps to synchronise when an event can be awaited.
import crypto from 'node:crypto';
import Pusher from 'pusher-js';
import PusherServer from 'pusher';
import WebSocket from 'ws';

export const HOST = process.env.SB_HOST || '127.0.0.1';
export const PORT = Number(process.env.SB_PORT || 6001);
export const LIMITED_PORT = Number(process.env.SB_LIMITED_PORT || PORT);
export const DISABLED_PORT = Number(process.env.SB_DISABLED_PORT || PORT);

/** Default bound for a single awaited event. */
export const TIMEOUT = Number(process.env.SB_TIMEOUT_MS || 5000);

export const APPS = {
  main: { id: 'app-id', key: 'app-key', secret: 'app-secret', port: PORT },
  limited: { id: 'limited-id', key: 'limited-key', secret: 'limited-secret', port: LIMITED_PORT },
  disabled: { id: 'disabled-id', key: 'disabled-key', secret: 'disabled-secret', port: DISABLED_PORT },
};

/** End-to-end encryption master key (32 bytes, base64) used by the server SDK for private-encrypted- channels. */
export const MASTER_KEY_B64 = crypto.createHash('sha256').update('switchboard-client-tests').digest('base64');

// ---------------------------------------------------------------------------------------------------------
// generic async helpers

/** Rejects with a clear message when `promise` does not settle within `ms`. */
export function withTimeout(promise, ms = TIMEOUT, what = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Marks a promise as handled so that a wait which is never awaited (because the test failed earlier) does not
 * surface later as an unhandled rejection; awaiting it still throws.
 */
export function handled(promise) {
  promise.catch(() => {});
  return promise;
}

/**
 * Waits for `event` on a pusher-js dispatcher (channel, connection, user, watchlist) or a Node EventEmitter.
 * Resolves with the event data (or `[data, metadata]` with `withMeta`). Register it BEFORE causing the event.
 */
export function waitForEvent(target, event, { timeout = TIMEOUT, filter = () => true, withMeta = false, label } = {}) {
  return handled(new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeout} ms waiting for ${label || `event '${event}'`}`));
    }, timeout);
    const handler = (data, meta) => {
      let ok;
      try { ok = filter(data, meta); } catch { ok = false; }
      if (!ok) return;
      clearTimeout(timer);
      off();
      resolve(withMeta ? [data, meta] : data);
    };
    if (typeof target.bind === 'function' && typeof target.unbind === 'function') {
      target.bind(event, handler);
      off = () => target.unbind(event, handler);
    } else {
      target.on(event, handler);
      off = () => target.off(event, handler);
    }
  }));
}

/** Polls `fn` (sync or async) until it returns a truthy value; bounded. For server-side state with no event to await. */
export async function eventually(fn, { timeout = TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

let counter = 0;
/** A channel/user name unique to this run (cache channels keep their last event across runs on a live server). */
export function uniq(prefix = '') {
  counter += 1;
  return `${prefix}${crypto.randomBytes(3).toString('hex')}${counter.toString(36)}`;
}

// ---------------------------------------------------------------------------------------------------------
// server SDK (pusher)

/** The `pusher` Node server SDK configured for an app of the server under test. */
export function serverSdk(app = APPS.main, overrides = {}) {
  return new PusherServer({
    appId: app.id,
    key: app.key,
    secret: app.secret,
    host: HOST,
    port: String(app.port),
    useTLS: false,
    timeout: TIMEOUT,
    encryptionMasterKeyBase64: MASTER_KEY_B64,
    ...overrides,
  });
}

/** Runs an SDK request and returns `{status, body, json}` whatever the status (RequestError is unwrapped). */
export async function http(promiseOrFn) {
  try {
    const res = await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    const body = await res.text();
    return { status: res.status, body, json: parseJson(body), headers: res.headers };
  } catch (e) {
    if (e && e.name === 'PusherRequestError' && e.status) {
      return { status: e.status, body: e.body, json: parseJson(e.body) };
    }
    throw e;
  }
}

/** Like `http`, but retries (bounded) while the answer is 429: for tests on rate-limited apps that assert something else. */
export async function httpRetry429(fn, { timeout = 8000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await http(fn);
    if (r.status !== 429 || Date.now() >= deadline) return r;
    await new Promise((res) => setTimeout(res, 250)); // back off, as any client of a rate-limited API does
  }
}

export function parseJson(s) {
  if (typeof s !== 'string') return undefined;
  try { return JSON.parse(s); } catch { return undefined; }
}

// ---------------------------------------------------------------------------------------------------------
// pusher-js clients

const liveClients = new Set();

/**
 * Creates a pusher-js client for `app`. Channel authorization and user authentication are custom handlers that
 * sign with the server SDK (`authorizeChannel` / `authenticateUser`), as an app backend would.
 *   presence: {user_id, user_info} (or a function of the channel name) used as channel_data on presence channels
 *   user:     user_data for pusher.signin(), e.g. {id: 'alice', watchlist: ['bob']}
 *   secret:   sign with another secret (to get auth errors)
 */
export function createClient(app = APPS.main, opts = {}) {
  return track(new Pusher(app.key, pusherOptions(app, opts)));
}

/** The pusher-js options createClient uses (also handed to laravel-echo, which passes them on to pusher-js). */
export function pusherOptions(app = APPS.main, { presence, user, secret, pusherOptions: extra = {} } = {}) {
  const signer = serverSdk(app, secret ? { secret } : {});
  return {
    cluster: 'mt1',
    wsHost: HOST,
    wsPort: app.port,
    wssPort: app.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          let data;
          if (channelName.startsWith('presence-')) {
            data = typeof presence === 'function' ? presence(channelName) : presence;
            if (!data) throw new Error(`no presence data given for ${channelName}`);
          }
          callback(null, signer.authorizeChannel(socketId, channelName, data));
        } catch (e) {
          callback(e, null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        try {
          if (!user) throw new Error('no user data given for signin');
          // the SDK refuses a numeric id, which Laravel backends sign all the same: sign those by hand
          const signed = typeof user.id === 'string' ? signer.authenticateUser(socketId, user) : signinToken(app, socketId, user, secret);
          callback(null, signed);
        } catch (e) {
          callback(e, null);
        }
      },
    },
    ...extra,
  };
}

/**
 * The pusher:signin data ({user_data, auth}) for `userData` signed with the app's secret, as the SDK's
 * authenticateUser makes it but without its check that the id is a string (Laravel signs integer ids).
 */
export function signinToken(app, socketId, userData, secret = app.secret) {
  const user_data = JSON.stringify(userData);
  const sig = crypto.createHmac('sha256', secret).update(`${socketId}::user::${user_data}`).digest('hex');
  return { auth: `${app.key}:${sig}`, user_data };
}

/** A numeric user id unique to this run (Laravel's ids are integers). */
export function uniqNumber() {
  return 1_000_000 + crypto.randomInt(1_000_000_000);
}

/** Registers a pusher-js client for closeAll() (done by createClient; call it for clients made elsewhere, e.g. by Echo). */
export function track(client) {
  // remember every underlying socket (faye-websocket) so that disconnect() can release its timers
  client.sbSockets = [];
  client.connection.bind('connected', () => {
    const socket = client.connection.connection && client.connection.connection.transport && client.connection.connection.transport.socket;
    if (socket) client.sbSockets.push(socket);
  });
  liveClients.add(client);
  return client;
}

/** Waits until the pusher-js client is connected; rejects on a Pusher error or a failed/unavailable state. */
export function waitConnected(client, timeout = TIMEOUT) {
  if (client.connection.state === 'connected') return Promise.resolve(client);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      client.connection.unbind('state_change', onState);
      client.connection.unbind('error', onError);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`pusher-js did not connect within ${timeout} ms (state ${client.connection.state})`));
    }, timeout);
    const onState = ({ current }) => {
      if (current === 'connected') { cleanup(); resolve(client); }
      if (current === 'failed' || current === 'unavailable') { cleanup(); reject(new Error(`pusher-js connection ${current}`)); }
    };
    const onError = (err) => {
      const data = pusherErrorData(err);
      if (data) {
        cleanup();
        const e = new Error(`pusher:error ${JSON.stringify(data)}`);
        e.pusherError = data;
        reject(e);
      }
    };
    client.connection.bind('state_change', onState);
    client.connection.bind('error', onError);
  });
}

/**
 * The {code, message} of a pusher:error as pusher-js reports it on `connection.bind('error')`: directly
 * ({type: 'PusherError', data}) after the handshake, wrapped ({type: 'WebSocketError', error: {type: 'PusherError', data}})
 * when the server refuses the handshake.
 */
export function pusherErrorData(err) {
  if (!err) return undefined;
  if (err.type === 'PusherError' && err.data) return err.data;
  if (err.error && err.error.type === 'PusherError' && err.error.data) return err.error.data;
  return undefined;
}

/** createClient + wait for 'connected'. */
export async function connect(app = APPS.main, opts = {}) {
  const client = createClient(app, opts);
  await waitConnected(client, opts.timeout);
  return client;
}

/**
 * Connects to a quota-limited app, retrying (bounded, with backoff) while the server still counts sockets of a
 * previous test that were just closed (4100). The quota test itself does not use this.
 */
export async function connectWithQuotaRetry(app, opts = {}, timeout = 8000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const client = createClient(app, opts);
    try {
      await waitConnected(client, TIMEOUT);
      return client;
    } catch (e) {
      await disconnect(client);
      if (!(e.pusherError && e.pusherError.code === 4100) || Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, 200)); // backoff, as pusher-js itself does on 4100
    }
  }
}

/** Subscribes and waits for pusher:subscription_succeeded; rejects (with .subscriptionError) on pusher:subscription_error. */
export function subscribe(client, channelName, timeout = TIMEOUT) {
  const channel = client.subscribe(channelName);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      channel.unbind('pusher:subscription_succeeded', ok);
      channel.unbind('pusher:subscription_error', fail);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no subscription answer for ${channelName} within ${timeout} ms`));
    }, timeout);
    const ok = () => { cleanup(); resolve(channel); };
    const fail = (err) => {
      cleanup();
      const e = new Error(`subscription_error on ${channelName}: ${JSON.stringify(err)}`);
      e.subscriptionError = err;
      reject(e);
    };
    channel.bind('pusher:subscription_succeeded', ok);
    channel.bind('pusher:subscription_error', fail);
  });
}

/** Subscribes and resolves with the pusher:subscription_error data; rejects if the subscription succeeds. */
export async function subscribeExpectError(client, channelName, timeout = TIMEOUT) {
  try {
    await subscribe(client, channelName, timeout);
  } catch (e) {
    if (e.subscriptionError) return e.subscriptionError;
    throw e;
  }
  throw new Error(`subscription to ${channelName} succeeded but an error was expected`);
}

/** Records every event a pusher-js channel (or any bind_global dispatcher) emits. */
export class Recorder {
  constructor(dispatcher) {
    this.events = [];
    this.waiters = [];
    this.listener = (event, data) => this.push(event, data);
    dispatcher.bind_global(this.listener);
    this.dispatcher = dispatcher;
  }
  push(event, data) {
    this.events.push({ event, data });
    for (const w of [...this.waiters]) {
      if (w.event === event && w.filter(data)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(data);
      }
    }
  }
  has(event, filter = () => true) {
    return this.events.some((e) => e.event === event && filter(e.data));
  }
  count(event, filter = () => true) {
    return this.events.filter((e) => e.event === event && filter(e.data)).length;
  }
  /** Position to pass as `since` to wait only for events received after this point. */
  mark() {
    return this.events.length;
  }
  /** Resolves with the data of the first matching event (from index `since`), already received or future. */
  wait(event, { filter = () => true, timeout = TIMEOUT, since = 0 } = {}) {
    const seen = this.events.slice(since).find((e) => e.event === event && filter(e.data));
    if (seen) return Promise.resolve(seen.data);
    return handled(new Promise((resolve, reject) => {
      const w = { event, filter, resolve };
      this.waiters.push(w);
      w.timer = setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`timed out after ${timeout} ms waiting for '${event}' (saw: ${this.events.map((e) => e.event).join(', ') || 'nothing'})`));
        }
      }, timeout);
    }));
  }
}

/**
 * Barrier: triggers a sentinel event from the server SDK on `channelName` and waits until every recorder got it.
 * Anything the server sent to those sockets before (e.g. a wrongly forwarded client event) has arrived by then.
 */
export async function sentinel(channelName, recorders, app = APPS.main) {
  const marker = uniq('s');
  const waits = recorders.map((r) => r.wait('sentinel', { filter: (d) => d && d.marker === marker }));
  const res = await http(serverSdk(app).trigger(channelName, 'sentinel', { marker }));
  if (res.status !== 200) throw new Error(`sentinel trigger failed: ${res.status} ${res.body}`);
  await Promise.all(waits);
}

/** pusher:ping → pusher:pong round trip on a pusher-js connection (the server has read everything sent before). */
export async function pingBarrier(client, timeout = TIMEOUT) {
  const pong = waitForEvent(client.connection, 'message', { timeout, filter: (m) => m && m.event === 'pusher:pong', label: 'pusher:pong' });
  client.connection.send_event('pusher:ping', {});
  await pong;
}

/** Disconnects a pusher-js client and waits (bounded) until its socket is closed. */
export async function disconnect(client) {
  liveClients.delete(client);
  const conn = client.connection && client.connection.connection;
  const socket = conn && conn.transport && conn.transport.socket;
  const closed = socket && socket.readyState !== 3
    ? withTimeout(new Promise((r) => socket.addEventListener('close', () => r())), 2000, 'socket close').catch(() => {})
    : Promise.resolve();
  const stopTimers = () => {
    // pusher-js keeps its activity-check timer armed when the server closed the socket (e.g. 4009 after
    // terminate_connections); stop it so a finished test file does not linger until the timer fires.
    try { client.connection.stopActivityCheck(); } catch { /* internal API */ }
    try { client.connection.clearRetryTimer(); client.connection.clearUnavailableTimer(); } catch { /* internal API */ }
    // faye-websocket arms a 30 s close timer even when pusher-js closes a socket the server already closed
    for (const socket of client.sbSockets || []) {
      if (socket._closeTimer && typeof socket._closeTimer.unref === 'function') socket._closeTimer.unref();
    }
  };
  try { client.disconnect(); } catch { /* already gone */ }
  stopTimers();
  await closed;
  stopTimers();
}

/** Disconnects every pusher-js client and raw socket created by these helpers (call in afterEach). */
export async function closeAll() {
  await Promise.all([...liveClients].map((c) => disconnect(c)));
  await Promise.all([...liveRaw].map((c) => c.close()));
}

// ---------------------------------------------------------------------------------------------------------
// raw WebSocket client (ws) for protocol-level and bad-input tests

const liveRaw = new Set();

export function wsUrl(app = APPS.main, { key = app.key, query = 'protocol=7&client=js&version=8.6.0&flash=false' } = {}) {
  return `ws://${HOST}:${app.port}/app/${key}?${query}`;
}

export class RawClient {
  /** Opens a socket; with `established` (default) waits for pusher:connection_established. */
  static async connect(app = APPS.main, { key, query, established = true, timeout = TIMEOUT } = {}) {
    const ws = new WebSocket(wsUrl(app, { key, query }));
    const client = new RawClient(ws, app);
    await withTimeout(new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    }), timeout, `WebSocket open ${wsUrl(app, { key })}`);
    if (established) {
      const msg = await client.next('pusher:connection_established', timeout);
      client.socketId = msg.data.socket_id;
      client.activityTimeout = msg.data.activity_timeout;
      client.established = msg;
    }
    return client;
  }

  constructor(ws, app) {
    this.ws = ws;
    this.app = app;
    this.messages = [];
    this.waiters = [];
    this.closeInfo = null;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        liveRaw.delete(this);
        resolve(this.closeInfo);
      });
    });
    ws.on('error', () => {}); // surfaced through close / timeouts
    ws.on('message', (buf, isBinary) => {
      const text = buf.toString();
      let msg = parseJson(text);
      if (!msg || typeof msg !== 'object') msg = { event: undefined, raw: text, isBinary };
      msg.rawData = msg.data;
      if (typeof msg.data === 'string') {
        const inner = parseJson(msg.data);
        if (inner !== undefined) msg.data = inner;
      }
      this.messages.push(msg);
      this.dispatch();
    });
    liveRaw.add(this);
  }

  dispatch() {
    for (const w of [...this.waiters]) {
      const i = this.messages.findIndex((m) => !m.taken && w.match(m));
      if (i >= 0) {
        this.messages[i].taken = true;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(this.messages[i]);
      }
    }
  }

  /** Next not-yet-taken message matching an event name or predicate (queued or future); bounded. */
  next(match, timeout = TIMEOUT) {
    const pred = typeof match === 'function' ? match : (m) => m.event === match;
    const i = this.messages.findIndex((m) => !m.taken && pred(m));
    if (i >= 0) {
      this.messages[i].taken = true;
      return Promise.resolve(this.messages[i]);
    }
    return handled(new Promise((resolve, reject) => {
      const w = { match: pred, resolve };
      this.waiters.push(w);
      w.timer = setTimeout(() => {
        const j = this.waiters.indexOf(w);
        if (j >= 0) {
          this.waiters.splice(j, 1);
          reject(new Error(`timed out after ${timeout} ms waiting for ${typeof match === 'string' ? match : 'message'}; got: ${this.messages.map((m) => m.event || m.raw).join(', ') || 'nothing'}${this.closeInfo ? `; socket closed ${this.closeInfo.code}` : ''}`));
        }
      }, timeout);
      w.timer.unref();
    }));
  }

  /** Resolves with the next message matching, or with {closed: closeInfo} if the socket closes first. */
  nextOrClose(match, timeout = TIMEOUT) {
    const next = this.next(match, timeout + 1000);
    next.catch(() => {});
    return withTimeout(Promise.race([
      next,
      this.closed.then((c) => ({ closed: c })),
    ]), timeout, `${typeof match === 'string' ? match : 'message'} or close`);
  }

  /** Resolves with {code, reason} once the server has closed the socket; bounded. */
  waitClosed(timeout = TIMEOUT) {
    return withTimeout(this.closed, timeout, 'the server to close the socket');
  }

  has(match) {
    const pred = typeof match === 'function' ? match : (m) => m.event === match;
    return this.messages.some(pred);
  }

  send(obj) { this.ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)); }
  sendRaw(data, options) { this.ws.send(data, options); }

  /** pusher:ping → pusher:pong: everything sent before has been processed by the server. */
  async ping(timeout = TIMEOUT) {
    this.send({ event: 'pusher:ping', data: {} });
    return this.next('pusher:pong', timeout);
  }

  /** Subscribes (signing private/presence channels with the server SDK) and waits for the answer. */
  async subscribe(channel, { channelData, timeout = TIMEOUT, sign = true } = {}) {
    const data = { channel };
    if (sign && /^(private-|presence-)/.test(channel)) {
      const auth = serverSdk(this.app).authorizeChannel(this.socketId, channel, channel.startsWith('presence-') ? channelData : undefined);
      data.auth = auth.auth;
      if (auth.channel_data) data.channel_data = auth.channel_data;
    }
    this.send({ event: 'pusher:subscribe', data });
    return this.next((m) => m.channel === channel && (m.event === 'pusher_internal:subscription_succeeded' || m.event === 'pusher:subscription_error'), timeout);
  }

  async close(timeout = 2000) {
    liveRaw.delete(this);
    if (this.ws.readyState === WebSocket.CLOSED) return this.closeInfo;
    try { this.ws.close(); } catch { /* ignore */ }
    try {
      return await withTimeout(this.closed, timeout, 'raw socket close');
    } catch {
      this.ws.terminate();
      return this.closeInfo;
    }
  }

  terminate() {
    liveRaw.delete(this);
    this.ws.terminate();
  }
}
