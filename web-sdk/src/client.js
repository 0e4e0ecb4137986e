import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { Emitter } from './emitter.js';
import { DataIvrError, SdkErrorCodes } from './errors.js';

/** Server messages that answer a request (a `call` message is only ever pushed). */
const ANSWER_TYPES = new Set(['session', 'menu', 'content', 'voice', 'ended', 'error']);

/**
 * The app's end of the IP channel (WebSocket, protocol v1, docs/protocol.md). Every request returns
 * a promise of the server's answer, rejected with a {@link DataIvrError} carrying the protocol's
 * error code; every message, pushed `call` updates included, is also an event. When the connection
 * drops after a session started, the client reconnects with exponential backoff and jitter and
 * resumes the session with its resume token.
 *
 * Texts the server sends (titles, labels, content) are plain text: show them as text
 * (`textContent`), never as HTML.
 */
export class DataIvrClient extends Emitter {
  #url;
  #WebSocket;
  #options;
  #random;
  #socket = null;
  #generation = 0;
  /** @type {'idle'|'connecting'|'open'|'reconnecting'|'closed'} */
  #state = 'idle';
  #attempt = 0;
  #reconnectTimer = null;
  #connectTimer = null;
  #opening = null;
  #sessionId = null;
  #resumeToken = null;
  #call = null;
  /** Requests sent and not yet answered, in the order they were sent (the server answers in order). */
  #pending = [];
  /** Frames held back while a `hangup` is unsettled (see #request). */
  #held = [];
  /** `hangup` requests waiting for the call's `ended`. */
  #hangups = new Set();

  /**
   * @param {string} url e.g. `ws://127.0.0.1:8080/ws/v1/consultation` (see {@link consultationUrl})
   * @param {object} [options] see types/index.d.ts, `ClientOptions`
   */
  constructor(url, options = {}) {
    super();
    const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    if (typeof WebSocketImpl !== 'function') {
      throw new TypeError('no WebSocket: pass options.WebSocket (in Node: the "ws" package\'s WebSocket)');
    }
    this.#url = String(url);
    this.#WebSocket = WebSocketImpl;
    this.#random = options.random ?? Math.random;
    this.#options = {
      reconnect: options.reconnect ?? true,
      initialBackoffMs: options.initialBackoffMs ?? DEFAULT_BACKOFF.initialBackoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_BACKOFF.maxBackoffMs,
      maxAttempts: options.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      hangupSettleMs: options.hangupSettleMs ?? 2_000,
      phone: options.phone ?? null,
    };
  }

  /** Opens a client and resolves once its connection is open. */
  static async connect(url, options) {
    const client = new DataIvrClient(url, options);
    await client.connect();
    return client;
  }

  /** `idle`, `connecting`, `open`, `reconnecting` or `closed`. */
  get state() {
    return this.#state;
  }

  /** The current session's id, or null before `consult` and after `end`. */
  get sessionId() {
    return this.#sessionId;
  }

  /** The token that resumes the current session, or null. */
  get resumeToken() {
    return this.#resumeToken;
  }

  /** The latest `call` message of the session (its current call, or how the last one ended), or null. */
  get call() {
    return this.#call;
  }

  /** Opens the connection; resolves when it is open (rejects with CONNECTION_FAILED). */
  connect() {
    if (this.#state === 'open') {
      return Promise.resolve();
    }
    if (this.#opening) {
      return this.#opening.promise;
    }
    if (this.#state === 'closed') {
      return Promise.reject(new DataIvrError(SdkErrorCodes.CONNECTION_LOST, 'this client was closed; make a new one'));
    }
    let resolve;
    let reject;
    const promise = new Promise((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    this.#opening = { promise, resolve, reject };
    this.#state = 'connecting';
    this.#open();
    return promise;
  }

  /**
   * Step 1: opens a consultation session. Give the customer `token` the company's backend minted;
   * without one the server must be in demo mode (`client` is then the customer's reference).
   * Resolves with the `session` answer and the top menu level that follows it. `device` says what
   * SIP phone the customer has (`webrtc`: this browser; `sip`: an app's SIP stack); left out, it is
   * `webrtc` when the client was given a `phone` (the server then gives a WebRTC device account and
   * the SIP WebSocket URL), else not sent (the server's default, `sip`). `sipAccount: true` asks for the
   * device account with the answer (its `sip`, when the menu has a voice item): register it ahead with
   * the phone's `registerAhead`, so that the customer's tap only dials.
   */
  consult({ token, menu, language, client, device, sipAccount } = {}) {
    const frame = { type: 'consult' };
    if (sipAccount !== undefined && sipAccount !== null) {
      if (typeof sipAccount !== 'boolean') {
        return rejected('INVALID_FIELD', '"sipAccount" must be true or false');
      }
      frame.sipAccount = sipAccount;
    }
    const kind = device ?? (this.#options.phone ? 'webrtc' : undefined);
    for (const [field, value] of Object.entries({ token, menu, language, client, device: kind })) {
      if (value === undefined || value === null) {
        continue;
      }
      if (typeof value !== 'string') {
        return rejected('INVALID_FIELD', `"${field}" must be a string`);
      }
      frame[field] = value;
    }
    return this.#startSession(frame);
  }

  /** Carries on a session by its resume token (the client does this itself after a reconnect). */
  resume(token) {
    if (typeof token !== 'string') {
      return rejected('INVALID_FIELD', '"token" must be a string');
    }
    return this.#startSession({ type: 'resume', token });
  }

  /**
   * Step 4: chooses item `key` at the current level. With `path` (the level the page was showing)
   * the server refuses a choice made on a level the session has left (STALE_CHOICE). Resolves with
   * the answer: a `menu`, `content` or `voice` message.
   */
  choose(key, path) {
    if (typeof key !== 'string') {
      return rejected('INVALID_FIELD', '"key" must be a string');
    }
    const frame = { type: 'choose', key };
    if (path !== undefined && path !== null) {
      if (!Array.isArray(path) || path.some((k) => typeof k !== 'string')) {
        return rejected('INVALID_FIELD', '"path" must be an array of strings');
      }
      frame.path = [...path];
    }
    return this.#sessionRequest(frame);
  }

  /** Goes up one level; resolves with that `menu`. */
  back() {
    return this.#sessionRequest({ type: 'back' });
  }

  /** Asks for the current level again; resolves with it. */
  menu() {
    return this.#sessionRequest({ type: 'menu' });
  }

  /**
   * Hangs up the session's call, or gives up waiting for an agent. The server answers nothing when
   * it accepts: the promise resolves with the `call` message `ended` that follows, or rejects with
   * the server's refusal (NO_CALL, …). Requests made while the server has not yet accepted or refused
   * it are sent once it has (at most `hangupSettleMs` later), so each answer reaches its own request.
   */
  hangup() {
    return this.#sessionRequest({ type: 'hangup' }, { hangup: true });
  }

  /**
   * Step 8: ends the session; resolves with the `ended` answer. The phone given as `options.phone`
   * first drops the device SIP account (un-REGISTER, hanging up a call still up): the server revokes
   * the account as the session ends, and a phone that un-REGISTERs a revoked account is refused and
   * retries.
   */
  async end() {
    const refusal = this.#checkSession();
    if (refusal) {
      throw refusal;
    }
    if (this.#options.phone) {
      try {
        await this.#options.phone.release();
      } catch (error) {
        this.emit('phoneerror', { error });
      }
    }
    return this.#sessionRequest({ type: 'end' });
  }

  /** Closes the connection for good; requests still waiting fail with CONNECTION_LOST. */
  close() {
    if (this.#state === 'closed') {
      return;
    }
    this.#state = 'closed';
    this.#generation++;
    this.#clearTimers();
    this.#closeSocket(1000, 'bye');
    this.#failPending('the client was closed');
    this.#opening?.reject(new DataIvrError(SdkErrorCodes.CONNECTION_LOST, 'the client was closed'));
    this.#opening = null;
    this.emit('closed', { error: null });
  }

  // --- requests and answers -------------------------------------------------------------------

  #startSession(frame) {
    if (this.#sessionId !== null || this.#pending.some((p) => p.startsSession)) {
      return rejected('SESSION_ALREADY_STARTED', `this connection already carries session ${this.#sessionId ?? '(opening)'}`);
    }
    return this.#request(frame, { answers: 2, startsSession: true });
  }

  #sessionRequest(frame, kind) {
    const refusal = this.#checkSession();
    return refusal ? Promise.reject(refusal) : this.#request(frame, kind);
  }

  #checkSession() {
    if (this.#sessionId === null && !this.#pending.some((p) => p.startsSession)) {
      return new DataIvrError('NO_SESSION', 'send a consult or resume message first');
    }
    return null;
  }

  #request(frame, { answers = 1, startsSession = false, hangup = false } = {}) {
    if (this.#state !== 'open') {
      const why = this.#state === 'idle' ? 'not connected: call connect() first' : `the IP channel is not open (${this.#state})`;
      return rejected(SdkErrorCodes.CONNECTION_LOST, why);
    }
    const entry = { frame, answers, startsSession, hangup, messages: [], tombstone: false, timer: null };
    const promise = new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    if (this.#held.length > 0 || this.#pending.some((p) => p.hangup && !p.tombstone)) {
      // A hangup the server has neither accepted (no answer) nor refused (an error) is ahead: an error
      // arriving now could be its refusal or this request's answer. Wait until it settles.
      this.#held.push(entry);
    } else {
      this.#send(entry);
    }
    return promise;
  }

  #send(entry) {
    try {
      this.#socket.send(JSON.stringify(entry.frame));
    } catch (error) {
      entry.reject(new DataIvrError(SdkErrorCodes.CONNECTION_LOST, 'the IP channel is not open', { cause: error }));
      return;
    }
    this.#pending.push(entry);
    if (entry.hangup) {
      this.#hangups.add(entry);
      entry.timer = setTimeout(() => this.#settleHangup(entry), this.#options.hangupSettleMs);
    }
  }

  /** The hangup is no longer in doubt (accepted, refused, its call ended, or time ran out). */
  #markSettled(entry) {
    clearTimeout(entry.timer);
    entry.tombstone = true;
  }

  #settleHangup(entry) {
    this.#markSettled(entry);
    this.#flushHeld();
  }

  /** Sends the requests held behind a hangup, up to the next hangup. */
  #flushHeld() {
    if (this.#pending.some((p) => p.hangup && !p.tombstone)) {
      return;
    }
    while (this.#held.length > 0 && this.#state === 'open') {
      const next = this.#held.shift();
      this.#send(next);
      if (next.hangup) {
        break;
      }
    }
  }

  #received(data) {
    let message;
    try {
      message = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      message = null;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message) || typeof message.type !== 'string') {
      this.emit('message', { type: 'undecodable', raw: String(data) });
      return;
    }
    if (message.type === 'session') {
      this.#sessionId = message.session ?? null;
      if (message.resumeToken) {
        this.#resumeToken = message.resumeToken;
      }
    } else if (message.type === 'ended') {
      this.#sessionId = null;
      this.#resumeToken = null;
    } else if (message.type === 'call') {
      this.#call = message;
    }
    const settle = ANSWER_TYPES.has(message.type) ? this.#match(message) : null;
    this.emit('message', message);
    this.emit(message.type, message);
    if (message.type === 'call' && message.state === 'ended') {
      for (const hangup of [...this.#hangups]) {
        this.#hangups.delete(hangup);
        hangup.resolve(message);
        if (!hangup.tombstone) {
          this.#settleHangup(hangup);
        }
      }
    }
    settle?.();
    this.#flushHeld();
  }

  /** Finds the request `message` answers; returns what completes it (run after the events). */
  #match(message) {
    while (this.#pending.length > 0) {
      const head = this.#pending[0];
      if (head.hangup) {
        const next = this.#pending[1];
        const refusal = message.type === 'error'
          && (!head.tombstone || (message.code === 'NO_CALL' && !next?.hangup));
        this.#pending.shift();
        if (refusal) {
          // Refused. After the call ended (tombstone) only NO_CALL can be the hangup's own refusal.
          this.#hangups.delete(head);
          this.#markSettled(head);
          return () => head.reject(new DataIvrError(message.code, message.message ?? ''));
        }
        // Accepted (it gets no answer): this message answers the next request.
        this.#markSettled(head);
        continue;
      }
      if (message.type === 'error') {
        this.#pending.shift();
        return () => head.reject(new DataIvrError(message.code, message.message ?? ''));
      }
      head.messages.push(message);
      if (message.type === 'session' && head.frame.type === 'resume') {
        this.#resumeToken = head.frame.token; // the resume answer does not repeat it
      }
      if (head.messages.length < head.answers) {
        return null;
      }
      this.#pending.shift();
      if (head.startsSession) {
        const [session, menu] = head.messages;
        return () => head.resolve({ session, menu });
      }
      return () => head.resolve(message);
    }
    return null;
  }

  #failPending(why, cause) {
    const error = () => new DataIvrError(SdkErrorCodes.CONNECTION_LOST, why, cause ? { cause } : undefined);
    const waiting = [...this.#pending, ...this.#held];
    this.#pending = [];
    this.#held = [];
    for (const entry of waiting) {
      clearTimeout(entry.timer);
    }
    for (const entry of new Set([...waiting, ...this.#hangups])) {
      entry.reject(error());
    }
    this.#hangups.clear();
  }

  // --- the connection -------------------------------------------------------------------------

  #open() {
    const mine = ++this.#generation;
    let socket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (error) {
      queueMicrotask(() => this.#lost(mine, error, true));
      return;
    }
    this.#socket = socket;
    this.#connectTimer = setTimeout(() => {
      if (mine === this.#generation && this.#state !== 'open') {
        this.#closeSocket(1000, 'connect timeout');
        this.#lost(mine, new Error(`no connection within ${this.#options.connectTimeoutMs} ms`), true);
      }
    }, this.#options.connectTimeoutMs);
    socket.onopen = () => {
      if (mine !== this.#generation) {
        return;
      }
      clearTimeout(this.#connectTimer);
      this.#state = 'open';
      const token = this.#attempt > 0 ? this.#resumeToken : null;
      this.#opening?.resolve();
      this.#opening = null;
      this.emit('open', { resuming: token !== null });
      if (token !== null) {
        this.#resumeAfterReconnect(token);
      }
    };
    socket.onmessage = (event) => {
      if (mine === this.#generation) {
        this.#received(event.data);
      }
    };
    socket.onerror = () => {
      // a close event follows; it decides what happens
    };
    socket.onclose = (event) => {
      if (mine !== this.#generation) {
        return;
      }
      if (event.code === 4001) {
        this.#lost(mine, new DataIvrError(SdkErrorCodes.RESUMED_ELSEWHERE,
          event.reason || 'the session was resumed on another connection'), false);
      } else {
        this.#lost(mine, event.code === 1000 ? null : new Error(`closed: ${event.code} ${event.reason ?? ''}`.trim()),
          event.code !== 1000);
      }
    };
  }

  #resumeAfterReconnect(token) {
    this.#request({ type: 'resume', token }, { answers: 2, startsSession: true }).then(
      (resumed) => {
        this.#attempt = 0;
        this.emit('resumed', resumed);
      },
      (error) => {
        if (error.code === SdkErrorCodes.CONNECTION_LOST) {
          return; // this connection dropped too: #lost schedules the next attempt
        }
        this.#giveUp(error);
      });
  }

  #lost(which, cause, mayReconnect) {
    if (which !== this.#generation || this.#state === 'closed') {
      return;
    }
    this.#generation++; // later events of this socket are stale
    clearTimeout(this.#connectTimer);
    this.#closeSocket(1000, 'lost');
    const everOpened = this.#opening === null;
    this.#failPending('the connection dropped before the answer came', cause);
    const resumable = mayReconnect && this.#options.reconnect && this.#resumeToken !== null
      && this.#attempt < this.#options.maxAttempts;
    if (!resumable) {
      let error = null;
      if (cause instanceof DataIvrError) {
        error = cause;
      } else if (!everOpened) {
        error = new DataIvrError(SdkErrorCodes.CONNECTION_FAILED, `could not connect to ${this.#url}`, { cause });
      } else if (cause && this.#resumeToken !== null && this.#attempt >= this.#options.maxAttempts) {
        error = new DataIvrError(SdkErrorCodes.RECONNECT_FAILED, `gave up after ${this.#attempt} attempts`, { cause });
      } else if (cause) {
        error = new DataIvrError(SdkErrorCodes.CONNECTION_LOST, 'the connection dropped', { cause });
      }
      this.#finish(error);
      return;
    }
    const attempt = ++this.#attempt;
    const delayMs = backoffDelay(attempt, this.#options, this.#random());
    this.#state = 'reconnecting';
    this.emit('reconnecting', { attempt, delayMs, error: cause });
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#state === 'reconnecting') {
        this.#open();
      }
    }, delayMs);
  }

  /** The session could not be resumed: it is gone on the server. */
  #giveUp(error) {
    this.#sessionId = null;
    this.#resumeToken = null;
    this.#generation++;
    this.#closeSocket(1000, 'session lost');
    this.#finish(error);
  }

  #finish(error) {
    this.#state = 'closed';
    this.#clearTimers();
    this.#failPending(error?.message ?? 'the connection closed', error ?? undefined);
    this.#opening?.reject(error ?? new DataIvrError(SdkErrorCodes.CONNECTION_FAILED, 'the connection closed'));
    this.#opening = null;
    this.emit('closed', { error });
    if (error && this.#options.phone) {
      // The session is gone or out of reach: drop the device account before it is revoked.
      this.#options.phone.release().catch((phoneError) => this.emit('phoneerror', { error: phoneError }));
    }
  }

  #closeSocket(code, reason) {
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  #clearTimers() {
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }
}

/**
 * The consultation WebSocket's URL for an adapter base URL (`http://host:8080` →
 * `ws://host:8080/ws/v1/consultation`; `https` → `wss`). In a page served by the adapter:
 * `consultationUrl(location.origin)`.
 */
export function consultationUrl(base) {
  const url = new URL('/ws/v1/consultation', base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.toString();
}

function rejected(code, message) {
  return Promise.reject(new DataIvrError(code, message));
}
