// A stand-in for the DataIVR adapter's /ws/v1/consultation (docs/protocol.md), in-process on
// loopback with the `ws` package: a small menu, sessions with resume tokens, calls whose states the
// test pushes. Tests script it further with `intercept`, `push`, `dropAll` and `refuseUpgrades`.
import { randomBytes, randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';

export const TOP = {
  title: 'Telecom service',
  items: [
    { key: '1', label: 'Balance', kind: 'content' },
    { key: '2', label: 'Plans and data', kind: 'menu' },
    { key: '0', label: 'Talk to an agent', kind: 'voice' },
  ],
};
export const PLANS = {
  title: 'Plans and data',
  items: [{ key: '1', label: 'Data packs', kind: 'content' }],
};
export const TEXTS = {
  '1': 'Your balance is 58.20 CNY. <script>alert(1)</script>',
  '2/1': '10 GB for 30 CNY & 20 GB for 50 CNY',
};
export const SIP = {
  username: 'dev-k3m9x2q7tpa4w8nb',
  password: 'Hq7rN2xKd9PmW4sT6vYb3cZe',
  domain: '127.0.0.1',
  registrar: 'sip:127.0.0.1:5060',
  expires: '2026-11-26T06:10:00Z',
  wsUrl: 'ws://127.0.0.1:8088/ws',
};

export async function startFakeAdapter() {
  const sessions = new Map(); // id → session
  const byToken = new Map(); // resume token → session
  const expired = new Set(); // resume tokens of expired sessions
  const adapter = {
    url: null,
    /** Every frame received: {at, conn, message} (`at` = its index in `log`). */
    frames: [],
    /** Shared, ordered log of what happened, for ordering assertions (tests may push to it too). */
    log: [],
    handshakes: 0,
    refuseUpgrades: false,
    /** Whether an accepted hangup is followed by `call ended` (and after how many ms). */
    hangupEndsAfterMs: 5,
    /** (message, conn, session) → true when the test answered the frame itself. */
    intercept: null,
    connections: new Set(),
    sessions,
    expire(token) {
      const session = byToken.get(token);
      sessions.delete(session.id);
      byToken.delete(token);
      expired.add(token);
    },
    push(sessionOrId, message) {
      const session = typeof sessionOrId === 'string' ? sessions.get(sessionOrId) : sessionOrId;
      if (message.type === 'call') {
        session.call = message;
      }
      send(session.conn, message);
    },
    /** Drops every connection without a close frame (as a network loss does: 1006 at the client). */
    dropAll() {
      for (const conn of adapter.connections) {
        conn.terminate();
      }
    },
    session(id) {
      return sessions.get(id);
    },
    received(type) {
      return adapter.frames.filter((f) => f.message.type === type).map((f) => f.message);
    },
    close() {
      for (const conn of adapter.connections) {
        conn.terminate();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, done) => {
      adapter.handshakes++;
      if (adapter.refuseUpgrades) {
        done(false, 503, 'refused by the test');
      } else {
        done(true);
      }
    },
  });
  await new Promise((resolve) => server.once('listening', resolve));
  adapter.url = `ws://127.0.0.1:${server.address().port}/ws/v1/consultation`;

  function send(conn, message) {
    if (conn && conn.readyState === conn.OPEN) {
      conn.send(JSON.stringify(message));
    }
  }

  function level(session) {
    const at = session.path.length === 0 ? TOP : PLANS;
    return { type: 'menu', menu: 'telecom', version: 1, language: session.language, path: [...session.path], ...structuredClone(at) };
  }

  function error(conn, code, message) {
    send(conn, { type: 'error', code, message });
  }

  function handle(conn, message) {
    const session = conn.sessionId ? sessions.get(conn.sessionId) : undefined;
    if (adapter.intercept?.(message, conn, session)) {
      return;
    }
    switch (message.type) {
      case 'consult': {
        if (session) {
          return error(conn, 'SESSION_ALREADY_STARTED', `this connection already carries session ${session.id}`);
        }
        if (message.token === 'replayed-token') {
          return error(conn, 'TOKEN_REPLAYED', 'this token has already opened a session');
        }
        const id = randomUUID();
        const fresh = {
          id, conn, path: [], language: message.language ?? 'en', call: null, voiceCalls: 0, items: 0, contents: 0,
          resumeToken: `${id}.${randomBytes(32).toString('base64url')}`,
        };
        sessions.set(id, fresh);
        byToken.set(fresh.resumeToken, fresh);
        conn.sessionId = id;
        send(conn, { type: 'session', session: id, menu: 'telecom', version: 1, language: fresh.language, resumeToken: fresh.resumeToken });
        return send(conn, level(fresh));
      }
      case 'resume': {
        if (session) {
          return error(conn, 'SESSION_ALREADY_STARTED', `this connection already carries session ${session.id}`);
        }
        if (expired.has(message.token)) {
          return error(conn, 'SESSION_EXPIRED', 'the session has expired; start a new one');
        }
        const resumed = byToken.get(message.token);
        if (!resumed) {
          return error(conn, 'SESSION_NOT_FOUND', 'no such session');
        }
        const previous = resumed.conn;
        resumed.conn = conn;
        conn.sessionId = resumed.id;
        if (previous && previous !== conn && previous.readyState === previous.OPEN) {
          previous.sessionId = null;
          previous.close(4001, 'session resumed on another connection');
        }
        send(conn, { type: 'session', session: resumed.id, menu: 'telecom', version: 1, language: resumed.language, resumed: true });
        send(conn, level(resumed));
        if (resumed.call) {
          send(conn, resumed.call);
        }
        return undefined;
      }
      default:
        break;
    }
    if (!session) {
      return error(conn, 'NO_SESSION', 'send a consult or resume message first');
    }
    switch (message.type) {
      case 'choose': {
        if (message.path && JSON.stringify(message.path) !== JSON.stringify(session.path)) {
          return error(conn, 'STALE_CHOICE', `the choice was made at level /${message.path.join('/')} but the session is at /${session.path.join('/')}`);
        }
        const items = session.path.length === 0 ? TOP.items : PLANS.items;
        const item = items.find((i) => i.key === message.key);
        if (!item) {
          return error(conn, 'ITEM_NOT_FOUND', `no item "${message.key}" at menu level /${session.path.join('/')}`);
        }
        session.items++;
        if (item.kind === 'menu') {
          session.path.push(item.key);
          return send(conn, level(session));
        }
        if (item.kind === 'content') {
          const path = [...session.path, item.key];
          session.contents++;
          return send(conn, { type: 'content', key: item.key, path, language: session.language, text: TEXTS[path.join('/')] });
        }
        if (session.call && session.call.state !== 'ended') {
          return error(conn, 'CALL_IN_PROGRESS', 'the session already has a call');
        }
        session.voiceCalls++;
        const request = `vr-${randomBytes(8).toString('hex')}`;
        adapter.push(session, { type: 'call', state: 'requested', request });
        return send(conn, { type: 'voice', request, queue: 'support', dial: `sip:${request}@127.0.0.1:5060`, sip: { ...SIP } });
      }
      case 'back':
        if (session.path.length === 0) {
          return error(conn, 'ALREADY_AT_TOP', 'already at the top level');
        }
        session.path.pop();
        return send(conn, level(session));
      case 'menu':
        return send(conn, level(session));
      case 'hangup': {
        const call = session.call;
        if (!call || call.state === 'ended') {
          return error(conn, 'NO_CALL', 'the session has no call');
        }
        if (adapter.hangupEndsAfterMs !== null) {
          setTimeout(() => adapter.push(session, {
            type: 'call', state: 'ended', request: call.request, endedBy: 'customer',
            reason: call.state === 'talking' ? 'COMPLETED' : 'GAVE_UP',
          }), adapter.hangupEndsAfterMs);
        }
        return undefined;
      }
      case 'end': {
        if (session.call && session.call.state !== 'ended') {
          adapter.push(session, { type: 'call', state: 'ended', request: session.call.request, endedBy: 'customer', reason: 'SESSION_ENDED' });
        }
        sessions.delete(session.id);
        byToken.delete(session.resumeToken);
        conn.sessionId = null;
        return send(conn, {
          type: 'ended', session: session.id, reason: 'customer', itemsChosen: session.items,
          contentsSent: session.contents, voiceCalls: session.voiceCalls,
        });
      }
      default:
        return error(conn, 'UNKNOWN_MESSAGE_TYPE', `unknown message type "${message.type}"`);
    }
  }

  server.on('connection', (conn) => {
    adapter.connections.add(conn);
    conn.on('close', () => adapter.connections.delete(conn));
    conn.on('message', (data) => {
      let message;
      try {
        message = JSON.parse(String(data));
      } catch {
        return error(conn, 'MALFORMED_MESSAGE', 'the frame is not a JSON object');
      }
      adapter.frames.push({ at: adapter.log.length, conn, message });
      adapter.log.push(`server: ${message.type}`);
      return handle(conn, message);
    });
  });
  return adapter;
}

/** Resolves with the next event `type` of `emitter` (rejects after `ms`). */
export function nextEvent(emitter, type, ms = 3000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${type}" event within ${ms} ms`));
    }, ms);
    const off = emitter.on(type, (event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Polls `condition` every 5 ms until it holds (rejects after `ms`). */
export async function waitFor(condition, ms = 3000, what = 'the condition') {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not hold within ${ms} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
