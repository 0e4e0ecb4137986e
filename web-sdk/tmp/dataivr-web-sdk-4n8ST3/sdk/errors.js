/**
 * Errors of the SDK. Every failure is a {@link DataIvrError} whose `code` is either the server's
 * stable protocol code (docs/protocol.md, "Errors": ITEM_NOT_FOUND, SESSION_EXPIRED, …) or one of
 * the SDK's own codes below.
 */

/** The SDK's own codes (the server's codes pass through unchanged). */
export const SdkErrorCodes = Object.freeze({
  /** The first connection could not be opened. */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** The connection dropped (or the client was closed) before the answer came; it may or may not have been served. */
  CONNECTION_LOST: 'CONNECTION_LOST',
  /** The session was resumed on another connection (close code 4001); this client stops. */
  RESUMED_ELSEWHERE: 'RESUMED_ELSEWHERE',
  /** Every reconnect attempt failed; the client gave up. */
  RECONNECT_FAILED: 'RECONNECT_FAILED',
  /** The voice message carries no device SIP account (`sip`). */
  NO_SIP_ACCOUNT: 'NO_SIP_ACCOUNT',
  /** Neither the voice message (`sip.wsUrl`) nor the phone's options give the SIP WebSocket URL. */
  NO_SIP_WEBSOCKET: 'NO_SIP_WEBSOCKET',
  /** The customer (or the browser's policy) refused the microphone. */
  MICROPHONE_DENIED: 'MICROPHONE_DENIED',
  /** No microphone could be opened (none present, in use, or no media API at all). */
  MICROPHONE_UNAVAILABLE: 'MICROPHONE_UNAVAILABLE',
  /** The registrar refused the device account, or did not answer. */
  SIP_REGISTRATION_FAILED: 'SIP_REGISTRATION_FAILED',
  /** The SIP call could not be placed or failed before it was answered. */
  SIP_CALL_FAILED: 'SIP_CALL_FAILED',
});

/** The protocol's codes a WebSocket `error` frame can carry (docs/protocol.md, "Errors"). */
export const ProtocolErrorCodes = Object.freeze([
  'MALFORMED_MESSAGE', 'UNKNOWN_MESSAGE_TYPE', 'INVALID_FIELD', 'FRAME_TOO_LARGE', 'RATE_LIMITED',
  'NO_SESSION', 'SESSION_ALREADY_STARTED', 'SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'TOKEN_REQUIRED',
  'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REPLAYED', 'MENU_NOT_FOUND', 'ITEM_NOT_FOUND', 'STALE_CHOICE',
  'ALREADY_AT_TOP', 'CALL_IN_PROGRESS', 'NO_CALL', 'ASTERISK_UNAVAILABLE', 'STORE_UNAVAILABLE',
]);

export class DataIvrError extends Error {
  /**
   * @param {string} code the protocol's or the SDK's code
   * @param {string} message what went wrong, in words (the server's `message` for protocol errors)
   * @param {{cause?: unknown}} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'DataIvrError';
    /** @type {string} */
    this.code = code;
  }

  toString() {
    return `${this.name} ${this.code}: ${this.message}`;
  }
}
