// DataIVR's JavaScript SDK (docs/protocol.md, protocol v1). Plain ES modules with relative imports
// only: a browser loads them as they are (<script type="module">), no bundler needed.
export { DataIvrClient, consultationUrl } from './client.js';
export { DataIvrPhone, sipAccountOf } from './voice.js';
export { jssipUserAgentFactory, JsSipUserAgent } from './jssip-ua.js';
export { DataIvrError, SdkErrorCodes, ProtocolErrorCodes } from './errors.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { Emitter } from './emitter.js';

/** The IP-channel protocol version this SDK speaks (the path /ws/v1/…). */
export const PROTOCOL_VERSION = 1;
