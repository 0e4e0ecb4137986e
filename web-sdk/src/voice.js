import { Emitter } from './emitter.js';
import { DataIvrError, SdkErrorCodes } from './errors.js';

/** A User Timing mark (`dataivr:…`) where the page has the Performance API: how long a call's steps take. */
export function mark(name) {
  globalThis.performance?.mark?.(`dataivr:${name}`);
}

/**
 * The device SIP account of a `voice` message (docs/protocol.md, "The device's SIP account"), with
 * the SIP-over-WebSocket URL a browser registers through: the option `wsUrl` when given, else the
 * message's `sip.wsUrl`.
 * @param {any} voice a `voice` message
 * @param {{wsUrl?: string}} [overrides]
 */
export function sipAccountOf(voice, overrides = {}) {
  const sip = voice?.sip;
  if (!sip || typeof sip !== 'object' || ![sip.username, sip.password, sip.domain].every((v) => typeof v === 'string' && v)) {
    throw new DataIvrError(SdkErrorCodes.NO_SIP_ACCOUNT, 'the voice message carries no device SIP account (sip.username, sip.password, sip.domain)');
  }
  const wsUrl = overrides.wsUrl ?? sip.wsUrl;
  if (typeof wsUrl !== 'string' || !/^wss?:\/\//i.test(wsUrl)) {
    throw new DataIvrError(SdkErrorCodes.NO_SIP_WEBSOCKET,
      'no SIP WebSocket URL: the voice message has no sip.wsUrl and the phone was given no wsUrl option');
  }
  return Object.freeze({
    uri: `sip:${sip.username}@${sip.domain}`,
    username: sip.username,
    password: sip.password,
    domain: sip.domain,
    registrar: typeof sip.registrar === 'string' && sip.registrar ? sip.registrar : `sip:${sip.domain}`,
    wsUrl,
    expires: typeof sip.expires === 'string' ? sip.expires : null,
  });
}

/**
 * The browser's SIP phone for DataIVR calls (step 6): registers the device account a `voice` message
 * gives, dials the one-time link, plays the remote audio in the page's `<audio>` element, mutes and
 * hangs up, and drops the account ({@link release}) before the session ends. The SIP stack itself is
 * behind `userAgentFactory` (JsSIP in browsers: see `jssipUserAgentFactory`; a fake in unit tests).
 */
export class DataIvrPhone extends Emitter {
  #factory;
  #audio;
  #wsUrl;
  #getUserMedia;
  #mediaConstraints;
  #unregisterTimeoutMs;
  #ua = null;
  #accountKey = null;
  #account = null;
  #call = null;
  /** Rejects the pending call() when the phone is released before Asterisk took the call. */
  #abortCall = null;
  #localStream = null;
  #muted = false;
  /** @type {'idle'|'registering'|'registered'|'calling'|'ringing'|'in-call'} */
  #state = 'idle';
  /** Registration and release run one at a time, in order. */
  #chain = Promise.resolve();

  constructor(options = {}) {
    super();
    if (typeof options.userAgentFactory !== 'function') {
      throw new TypeError('options.userAgentFactory is required (e.g. jssipUserAgentFactory(JsSIP))');
    }
    this.#factory = options.userAgentFactory;
    this.#audio = options.audio ?? null;
    this.#wsUrl = options.wsUrl;
    this.#getUserMedia = options.getUserMedia
      ?? (globalThis.navigator?.mediaDevices?.getUserMedia
        ? (constraints) => globalThis.navigator.mediaDevices.getUserMedia(constraints)
        : null);
    this.#mediaConstraints = options.mediaConstraints ?? { audio: true, video: false };
    this.#unregisterTimeoutMs = options.unregisterTimeoutMs ?? 5_000;
  }

  /** `idle`, `registering`, `registered`, `calling`, `ringing` (the call waits for an agent) or `in-call`. */
  get state() {
    return this.#state;
  }

  get muted() {
    return this.#muted;
  }

  /** The device account registered (password left out), or null. */
  get account() {
    if (!this.#account) {
      return null;
    }
    const { password, ...shown } = this.#account;
    return shown;
  }

  /**
   * Opens the microphone ahead of the call (call it when the page shows a voice item: the tap then
   * does not wait for it). Resolves with the stream; rejects with MICROPHONE_DENIED or
   * MICROPHONE_UNAVAILABLE, so the page can say so before any call is placed.
   */
  async prepareMicrophone() {
    if (this.#localStream && this.#localStream.getTracks().some((t) => t.readyState !== 'ended')) {
      return this.#localStream;
    }
    if (!this.#getUserMedia) {
      throw new DataIvrError(SdkErrorCodes.MICROPHONE_UNAVAILABLE, 'this browser gives no microphone access (navigator.mediaDevices)');
    }
    let stream;
    try {
      stream = await this.#getUserMedia(this.#mediaConstraints);
    } catch (error) {
      const denied = ['NotAllowedError', 'SecurityError', 'PermissionDeniedError'].includes(error?.name);
      throw new DataIvrError(denied ? SdkErrorCodes.MICROPHONE_DENIED : SdkErrorCodes.MICROPHONE_UNAVAILABLE,
        denied ? 'the microphone was refused' : `the microphone could not be opened (${error?.name ?? error})`, { cause: error });
    }
    this.#localStream = stream;
    this.#applyMute();
    return stream;
  }

  /**
   * Registers the session's device account before any voice request (the `session` answer's `sip`, given
   * when `consult` asked with `sipAccount: true`), so that the customer's tap only dials: `call` keeps an
   * account already registered. Resolves with the account (password left out); rejects like `call`'s
   * registration (NO_SIP_ACCOUNT, NO_SIP_WEBSOCKET, SIP_REGISTRATION_FAILED).
   * @param {any} sip the `sip` of a `session` answer
   */
  async registerAhead(sip) {
    const account = sipAccountOf({ sip }, { wsUrl: this.#wsUrl });
    await this.#serially(() => this.#register(account));
    mark('registered-ahead');
    return this.account;
  }

  /**
   * Places the call a `voice` message asks for: opens the microphone, registers the message's device
   * account (kept when it is the one already registered), then dials `voice.dial`. Resolves once
   * Asterisk took the call (it rings: the call waits in the queue) or an agent answered; rejects with
   * the reason (NO_SIP_ACCOUNT, NO_SIP_WEBSOCKET, MICROPHONE_DENIED, SIP_REGISTRATION_FAILED,
   * SIP_CALL_FAILED, CALL_IN_PROGRESS). The server's `call` messages say where the call is.
   * @param {any} voice the `voice` message
   */
  async call(voice) {
    if (this.#call) {
      throw new DataIvrError('CALL_IN_PROGRESS', 'this phone already has a call');
    }
    if (typeof voice?.dial !== 'string' || !voice.dial) {
      throw new DataIvrError(SdkErrorCodes.SIP_CALL_FAILED, 'the voice message has no "dial" address');
    }
    mark('call');
    const account = sipAccountOf(voice, { wsUrl: this.#wsUrl });
    const stream = await this.prepareMicrophone();
    mark('microphone');
    const ua = await this.#serially(() => this.#register(account));
    mark('registered');
    if (this.#ua !== ua) {
      throw new DataIvrError(SdkErrorCodes.SIP_CALL_FAILED, 'the phone was released before the call was placed');
    }
    if (this.#call) {
      throw new DataIvrError('CALL_IN_PROGRESS', 'this phone already has a call');
    }
    return new Promise((resolve, reject) => {
      let placed = false;
      const taken = () => {
        if (!placed) {
          placed = true;
          resolve();
        }
      };
      const failure = (why) => new DataIvrError(SdkErrorCodes.SIP_CALL_FAILED, why);
      const notTaken = (error) => {
        if (!placed) {
          placed = true;
          reject(error);
        }
      };
      const over = (detail, failed) => {
        const cause = detail?.cause ?? 'unknown cause';
        // a call this phone hung up itself (hangup, release) ended as asked: no error
        const error = failed && detail?.originator !== 'local'
          ? failure(`the call failed: ${cause}${detail?.statusCode ? ` (SIP ${detail.statusCode})` : ''}`)
          : null;
        notTaken(error ?? failure(`the call ended before Asterisk took it: ${cause}`));
        if (this.#call !== call) {
          return; // released: the phone has moved on
        }
        this.#call = null;
        this.#abortCall = null;
        if (this.#audio) {
          this.#audio.srcObject = null;
        }
        if (this.#ua === ua) {
          this.#setState('registered');
        }
        this.emit('callended', { cause: detail?.cause ?? null, originator: detail?.originator ?? null, error });
      };
      let call;
      try {
        call = ua.call(voice.dial, {
          mediaStream: stream,
          handlers: {
            onRemoteStream: (remote) => this.#playRemote(remote),
            onProgress: () => {
              if (this.#call === call && this.#state === 'calling') {
                this.#setState('ringing');
              }
              taken();
            },
            onAccepted: () => {
              if (this.#call === call) {
                this.#setState('in-call');
              }
              taken();
            },
            onEnded: (detail) => over(detail, false),
            onFailed: (detail) => over(detail, true),
          },
        });
      } catch (error) {
        reject(new DataIvrError(SdkErrorCodes.SIP_CALL_FAILED, `the call could not be placed: ${error?.message ?? error}`, { cause: error }));
        return;
      }
      this.#call = call;
      this.#abortCall = () => notTaken(failure('the phone was released before Asterisk took the call'));
      this.#setState('calling');
      if (this.#muted) {
        call.setMuted(true);
      }
    });
  }

  /** Mutes (true) or unmutes (false) the microphone, now and for later calls. */
  mute(muted = true) {
    this.#muted = Boolean(muted);
    this.#applyMute();
    this.emit('mute', { muted: this.#muted });
  }

  /** Hangs up the call (CANCEL while it waits, BYE once answered); nothing when there is none. */
  hangup() {
    const call = this.#call;
    if (call) {
      call.hangup();
    }
  }

  /**
   * Drops the device account: hangs up a call still up, un-REGISTERs (waiting for the registrar's
   * answer, at most `unregisterTimeoutMs`), stops the SIP stack and closes the microphone. Call it
   * before the session ends (`DataIvrClient.end()` does, given this phone as `options.phone`): once
   * the server has revoked the account, the registrar refuses an un-REGISTER. Never rejects: a
   * refused un-REGISTER is reported as an `unregisterfailed` event.
   */
  release() {
    return this.#serially(async () => {
      const ua = this.#ua;
      const call = this.#call;
      const abort = this.#abortCall;
      this.#ua = null;
      this.#call = null;
      this.#abortCall = null;
      abort?.();
      this.#account = null;
      this.#accountKey = null;
      if (call) {
        try {
          call.hangup();
        } catch {
          // ended already
        }
      }
      if (ua) {
        await this.#unregister(ua);
      }
      if (this.#audio) {
        this.#audio.srcObject = null;
      }
      for (const track of this.#localStream?.getTracks() ?? []) {
        track.stop();
      }
      this.#localStream = null;
      this.#setState('idle');
    });
  }

  async #register(account) {
    const key = JSON.stringify([account.uri, account.password, account.registrar, account.wsUrl]);
    if (this.#ua && this.#accountKey === key) {
      return this.#ua; // the same account: already registered
    }
    if (this.#ua) {
      const previous = this.#ua;
      this.#ua = null;
      await this.#unregister(previous);
    }
    this.#setState('registering');
    const ua = this.#factory(account);
    try {
      await ua.register();
    } catch (error) {
      try {
        ua.stop();
      } catch {
        // nothing to stop
      }
      this.#setState('idle');
      throw error instanceof DataIvrError ? error
        : new DataIvrError(SdkErrorCodes.SIP_REGISTRATION_FAILED, `the registrar refused the device account: ${error?.message ?? error}`, { cause: error });
    }
    this.#ua = ua;
    this.#account = account;
    this.#accountKey = key;
    this.#setState('registered');
    return ua;
  }

  async #unregister(ua) {
    let timer;
    try {
      await Promise.race([
        ua.unregister(),
        new Promise((resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to the un-REGISTER within ${this.#unregisterTimeoutMs} ms`)),
            this.#unregisterTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.emit('unregisterfailed', { error });
    } finally {
      clearTimeout(timer);
      try {
        ua.stop();
      } catch (error) {
        this.emit('unregisterfailed', { error });
      }
    }
  }

  #playRemote(stream) {
    this.emit('remotestream', { stream });
    const audio = this.#audio;
    if (!audio) {
      return;
    }
    audio.srcObject = stream;
    try {
      const playing = audio.play?.();
      playing?.catch?.((error) => this.emit('audioblocked', { error }));
    } catch (error) {
      this.emit('audioblocked', { error });
    }
  }

  #applyMute() {
    for (const track of this.#localStream?.getAudioTracks?.() ?? []) {
      track.enabled = !this.#muted;
    }
    this.#call?.setMuted(this.#muted);
  }

  #setState(state) {
    if (state !== this.#state) {
      const previous = this.#state;
      this.#state = state;
      this.emit('state', { state, previous });
    }
  }

  #serially(work) {
    const run = this.#chain.then(work);
    this.#chain = run.catch(() => {});
    return run;
  }
}
