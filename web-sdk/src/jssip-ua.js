import { DataIvrError, SdkErrorCodes } from './errors.js';
import { mark } from './voice.js';

/**
 * The SIP stack of {@link DataIvrPhone} in browsers: JsSIP (a SIP-over-WebSocket user agent with
 * WebRTC media). The SDK does not import JsSIP itself: the page loads it (the ES module bundle
 * `dist/vendor/jssip.js`, see README) and hands it over, so these modules load in a browser as they are.
 *
 * @param {any} JsSIP the JsSIP namespace (`import JsSIP from './vendor/jssip.js'`)
 * @param {object} [options] see types/index.d.ts, `JsSipOptions`
 * @returns {(account: any) => JsSipUserAgent}
 */
export function jssipUserAgentFactory(JsSIP, options = {}) {
  if (!JsSIP || typeof JsSIP.UA !== 'function' || typeof JsSIP.WebSocketInterface !== 'function') {
    throw new TypeError('pass the JsSIP namespace (with UA and WebSocketInterface)');
  }
  return (account) => new JsSipUserAgent(JsSIP, account, options);
}

/** One device account on one JsSIP UA: register, call, unregister, stop. */
export class JsSipUserAgent {
  #ua;
  #options;

  constructor(JsSIP, account, options = {}) {
    this.#options = {
      pcConfig: options.pcConfig ?? { iceServers: [] },
      iceReady: options.iceReady ?? 'complete',
      registerTimeoutMs: options.registerTimeoutMs ?? 10_000,
    };
    const socket = new JsSIP.WebSocketInterface(account.wsUrl);
    this.#ua = new JsSIP.UA({
      sockets: [socket],
      uri: account.uri,
      authorization_user: account.username,
      password: account.password,
      registrar_server: account.registrar,
      // Registered by start(); after unregister() or stop() never again (no REGISTER storm against
      // an account the server revoked).
      register: true,
      register_expires: options.registerExpires ?? 600,
      session_timers: options.sessionTimers ?? true,
      user_agent: options.userAgent ?? 'DataIVR-web-sdk',
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    });
  }

  /** The JsSIP UA itself, for what this adapter does not cover. */
  get jssip() {
    return this.#ua;
  }

  /** Connects and registers; resolves on the registrar's 200, rejects with SIP_REGISTRATION_FAILED. */
  register() {
    const ua = this.#ua;
    return new Promise((resolve, reject) => {
      const done = (error) => {
        clearTimeout(timer);
        ua.off('registered', onRegistered);
        ua.off('registrationFailed', onFailed);
        ua.off('disconnected', onDisconnected);
        if (error) {
          reject(error);
        } else {
          resolve();
        }
      };
      const onRegistered = () => done(null);
      const onFailed = (e) => done(new DataIvrError(SdkErrorCodes.SIP_REGISTRATION_FAILED,
        `the registrar refused the device account: ${e?.cause ?? 'unknown cause'}`
        + (e?.response?.status_code ? ` (SIP ${e.response.status_code})` : '')));
      const onDisconnected = (e) => done(new DataIvrError(SdkErrorCodes.SIP_REGISTRATION_FAILED,
        `the SIP WebSocket closed before the registration${e?.code ? ` (${e.code})` : ''}`));
      const timer = setTimeout(() => done(new DataIvrError(SdkErrorCodes.SIP_REGISTRATION_FAILED,
        `no registration within ${this.#options.registerTimeoutMs} ms`)), this.#options.registerTimeoutMs);
      ua.on('registered', onRegistered);
      ua.on('registrationFailed', onFailed);
      ua.on('disconnected', onDisconnected);
      ua.start();
    });
  }

  /** Un-REGISTERs; resolves with the registrar's answer (`{ok, cause}`), at once if not registered. */
  unregister() {
    const ua = this.#ua;
    if (!ua.isRegistered()) {
      return Promise.resolve({ ok: true, cause: null });
    }
    return new Promise((resolve) => {
      ua.once('unregistered', (e) => resolve({ ok: !e?.cause, cause: e?.cause ?? null }));
      ua.unregister();
    });
  }

  /**
   * Dials `target` with the local `mediaStream`; `handlers` hear the call's progress.
   * @returns {{hangup(): void, setMuted(muted: boolean): void}}
   */
  call(target, { mediaStream, handlers = {} } = {}) {
    const iceReady = this.#options.iceReady;
    const session = this.#ua.call(target, {
      mediaStream,
      mediaConstraints: { audio: true, video: false },
      pcConfig: this.#options.pcConfig,
      eventHandlers: {
        peerconnection: ({ peerconnection }) => {
          peerconnection.addEventListener('track', (event) => {
            const stream = event.streams?.[0] ?? new MediaStream([event.track]);
            handlers.onRemoteStream?.(stream);
          });
        },
        icecandidate: ({ candidate, ready }) => {
          // With 'first-host' the INVITE leaves at the first host candidate instead of waiting
          // for ICE gathering to complete (docs: WebRTC notes, pitfall 4).
          if (iceReady === 'first-host' && / typ host/.test(candidate?.candidate ?? '')) {
            ready();
          }
        },
        sending: () => mark('invite'),
        progress: () => handlers.onProgress?.(),
        accepted: () => handlers.onAccepted?.(),
        ended: (e) => handlers.onEnded?.({ cause: e?.cause ?? null, originator: e?.originator ?? null }),
        failed: (e) => handlers.onFailed?.({
          cause: e?.cause ?? null,
          originator: e?.originator ?? null,
          statusCode: e?.message?.status_code ?? null,
        }),
      },
    });
    return {
      hangup() {
        if (!session.isEnded()) {
          session.terminate();
        }
      },
      setMuted(muted) {
        if (muted) {
          session.mute({ audio: true });
        } else {
          session.unmute({ audio: true });
        }
      },
    };
  }

  /** Stops the UA: hangs up what is left, closes the SIP WebSocket; it never reconnects. */
  stop() {
    this.#ua.stop();
  }
}
