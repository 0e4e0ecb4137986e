// Type declarations of @dataivr/web-sdk (hand-written; `npm run typecheck` compiles them together
// with types/usage.test-d.ts, which uses every part of the API).
// Messages are those of docs/protocol.md, protocol v1. Servers may add fields at any time.

export declare const PROTOCOL_VERSION: 1;

// --- messages: server → app -------------------------------------------------------------------

export type ItemKind = 'content' | 'menu' | 'voice';

export interface MenuItem {
  key: string;
  /** Plain text: show it as text, never as HTML. */
  label: string;
  kind: ItemKind;
}

export interface SessionMessage {
  type: 'session';
  session: string;
  menu: string;
  version: number;
  language: string;
  /** In the answer to consult only. */
  resumeToken?: string;
  /** True in the answer to resume. */
  resumed?: boolean;
  /** The device account, when consult asked for it (`sipAccount`) and the menu has a voice item. */
  sip?: SipAccountMessage;
}

export interface MenuMessage {
  type: 'menu';
  menu: string;
  version: number;
  language: string;
  path: string[];
  /** Plain text. */
  title: string;
  items: MenuItem[];
}

export interface ContentMessage {
  type: 'content';
  key: string;
  path: string[];
  /** The language `text` is in. */
  language: string;
  /** Plain text, never markup. */
  text: string;
}

/** The device's own SIP account (docs/protocol.md, "The device's SIP account"). */
export interface SipAccountMessage {
  username: string;
  /** Never log it. */
  password: string;
  domain: string;
  /** e.g. `sip:127.0.0.1:5060`. */
  registrar?: string;
  /** ISO-8601 instant. */
  expires?: string;
  /** The SIP-over-WebSocket URL a browser registers through, e.g. `wss://pbx.example.com:8089/ws`. */
  wsUrl?: string;
}

export interface VoiceMessage {
  type: 'voice';
  request: string;
  queue: string;
  /** The one-time link to dial, e.g. `sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060`. */
  dial: string;
  sip?: SipAccountMessage;
}

export type CallState = 'requested' | 'queued' | 'ringing' | 'talking' | 'ended';

export interface CallMessage {
  type: 'call';
  state: CallState;
  request: string;
  /** `queued`: 1 for the next caller served. */
  position?: number;
  /** `queued`: seconds, or null with `reason` (NO_AGENT_AVAILABLE, POSITION_UNKNOWN). */
  estimatedWaitSeconds?: number | null;
  /** `ringing`, `talking`. */
  agent?: string;
  /** `ended`. */
  endedBy?: 'customer' | 'agent' | 'system';
  /** `ended`: COMPLETED, TRANSFERRED, GAVE_UP, CANCELLED, SESSION_ENDED, DEVICE_LOST, CALL_LOST; `queued` without an estimate: why. */
  reason?: string;
}

export interface EndedMessage {
  type: 'ended';
  session: string;
  reason: 'customer' | 'expired' | string;
  itemsChosen: number;
  contentsSent: number;
  voiceCalls: number;
}

export interface ErrorMessage {
  type: 'error';
  code: ProtocolErrorCode | string;
  message: string;
}

/** A frame that is not a JSON object with a string `type`. */
export interface UndecodableMessage {
  type: 'undecodable';
  raw: string;
}

export type ServerMessage =
  | SessionMessage | MenuMessage | ContentMessage | VoiceMessage | CallMessage | EndedMessage | ErrorMessage;

export interface Consulted {
  session: SessionMessage;
  menu: MenuMessage;
}

// --- errors ------------------------------------------------------------------------------------

export type ProtocolErrorCode =
  | 'MALFORMED_MESSAGE' | 'UNKNOWN_MESSAGE_TYPE' | 'INVALID_FIELD' | 'FRAME_TOO_LARGE' | 'RATE_LIMITED'
  | 'NO_SESSION' | 'SESSION_ALREADY_STARTED' | 'SESSION_NOT_FOUND' | 'SESSION_EXPIRED' | 'TOKEN_REQUIRED'
  | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REPLAYED' | 'MENU_NOT_FOUND' | 'ITEM_NOT_FOUND' | 'STALE_CHOICE'
  | 'ALREADY_AT_TOP' | 'CALL_IN_PROGRESS' | 'NO_CALL' | 'ASTERISK_UNAVAILABLE' | 'STORE_UNAVAILABLE';

export type SdkErrorCode =
  | 'CONNECTION_FAILED' | 'CONNECTION_LOST' | 'RESUMED_ELSEWHERE' | 'RECONNECT_FAILED'
  | 'NO_SIP_ACCOUNT' | 'NO_SIP_WEBSOCKET' | 'MICROPHONE_DENIED' | 'MICROPHONE_UNAVAILABLE'
  | 'SIP_REGISTRATION_FAILED' | 'SIP_CALL_FAILED';

export type ErrorCode = ProtocolErrorCode | SdkErrorCode;

export declare const SdkErrorCodes: Readonly<{ [K in SdkErrorCode]: K }>;
export declare const ProtocolErrorCodes: readonly ProtocolErrorCode[];

export declare class DataIvrError extends Error {
  constructor(code: string, message: string, options?: { cause?: unknown });
  readonly name: 'DataIvrError';
  /** The protocol's code (from the server's `error`) or one of the SDK's own. */
  readonly code: ErrorCode | string;
}

// --- events ------------------------------------------------------------------------------------

export declare class Emitter<Events extends object = Record<string, unknown>> {
  /** Calls `listener` for every event of `type`; returns the function that unsubscribes it. */
  on<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void): () => void;
  once<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void): () => void;
  off<K extends keyof Events & string>(type: K, listener: (event: Events[K]) => void): void;
}

export interface ClientEvents {
  /** Every message the server sends, answers and pushes alike, after the request it answers is matched. */
  message: ServerMessage | UndecodableMessage | { type: string; [field: string]: unknown };
  session: SessionMessage;
  menu: MenuMessage;
  content: ContentMessage;
  voice: VoiceMessage;
  /** Pushed whenever the call moves (requested, queued with position and wait, ringing, talking, ended). */
  call: CallMessage;
  ended: EndedMessage;
  /** Every `error` frame (the request it answers also rejects with it). */
  error: ErrorMessage;
  /** A connection opened (`resuming`: a reconnect that will resume the session). */
  open: { resuming: boolean };
  /** The connection dropped; attempt `attempt` starts in `delayMs`. */
  reconnecting: { attempt: number; delayMs: number; error: unknown };
  /** The session was resumed on a new connection: its session and current menu (a `call` may follow). */
  resumed: Consulted;
  /** The client stopped for good; `error` is null after close(), else why (RECONNECT_FAILED, RESUMED_ELSEWHERE, SESSION_EXPIRED, …). */
  closed: { error: DataIvrError | null };
  /** The phone could not drop its account cleanly before `end` (the end went on). */
  phoneerror: { error: unknown };
}

// --- the consultation client ----------------------------------------------------------------------

/** What `new WebSocket(url)` must give: the browser's WebSocket, or the `ws` package's in Node. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: { data: any }) => void) | null;
  onerror: ((event: any) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface ClientOptions {
  /** The WebSocket constructor; default the global one (browsers, Node 22+). In Node 20: `import { WebSocket } from 'ws'`. */
  WebSocket?: WebSocketConstructor | (new (url: string) => unknown);
  /** Reopen a dropped connection and resume the session (default true). */
  reconnect?: boolean;
  /** First reconnect delay (default 250 ms), doubled each attempt up to `maxBackoffMs` (10 s), ±20 % jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Reconnect attempts before giving up with RECONNECT_FAILED (default 10). */
  maxAttempts?: number;
  /** A connection not open within this long counts as failed (default 10 s). */
  connectTimeoutMs?: number;
  /** Longest time later requests wait behind an unanswered `hangup` (default 2 s). */
  hangupSettleMs?: number;
  /** The phone that registers the session's device account: `end()` has it drop the account first. */
  phone?: { release(): Promise<void> } | null;
  /** Jitter source, a number in [0, 1) (default Math.random). */
  random?: () => number;
}

export interface ConsultRequest {
  /** The customer token the company's backend minted (docs/protocol.md, "Customer tokens"). */
  token?: string;
  /** Menu id; default the server's. */
  menu?: string;
  /** BCP 47 tag, e.g. `zh-CN`. */
  language?: string;
  /** The customer's reference, demo mode only (≤ 128 characters). */
  client?: string;
  /**
   * The customer's SIP phone: `webrtc` (this browser: a WebRTC device account and `sip.wsUrl`) or
   * `sip` (an app's SIP stack). Default: `webrtc` when the client has a `phone`, else the server's (`sip`).
   */
  device?: 'webrtc' | 'sip';
  /**
   * `true`: the device account now, with the `session` answer (`sip`), when the menu has a voice item, so
   * the phone registers while the customer browses ({@link DataIvrPhone.registerAhead}).
   */
  sipAccount?: boolean;
}

export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export declare class DataIvrClient extends Emitter<ClientEvents> {
  constructor(url: string, options?: ClientOptions);
  /** A client whose connection is open. */
  static connect(url: string, options?: ClientOptions): Promise<DataIvrClient>;
  readonly state: ClientState;
  readonly sessionId: string | null;
  readonly resumeToken: string | null;
  /** The session's latest `call` message, or null. */
  readonly call: CallMessage | null;
  connect(): Promise<void>;
  /** Step 1. */
  consult(request?: ConsultRequest): Promise<Consulted>;
  resume(token: string): Promise<Consulted>;
  /** Step 4: a `menu`, `content` or `voice` answer. `path` (the level shown) makes a stale tap STALE_CHOICE. */
  choose(key: string, path?: readonly string[]): Promise<MenuMessage | ContentMessage | VoiceMessage>;
  back(): Promise<MenuMessage>;
  menu(): Promise<MenuMessage>;
  /** Hangs up or gives up waiting; resolves with the `call` `ended` that follows. */
  hangup(): Promise<CallMessage>;
  /** Step 8: drops the phone's device account first, then ends the session. */
  end(): Promise<EndedMessage>;
  close(): void;
}

/** `http(s)://host:port` → `ws(s)://host:port/ws/v1/consultation`. */
export declare function consultationUrl(base: string | URL): string;

export declare const DEFAULT_BACKOFF: Readonly<{ initialBackoffMs: number; maxBackoffMs: number; maxAttempts: number }>;
/** The wait before reconnect attempt `attempt` (1, 2, …); `random` in [0, 1). */
export declare function backoffDelay(attempt: number,
  settings: { initialBackoffMs: number; maxBackoffMs: number }, random: number): number;

// --- voice ---------------------------------------------------------------------------------------

/** A device account ready for a SIP stack. */
export interface SipAccount {
  /** `sip:username@domain`. */
  uri: string;
  username: string;
  password: string;
  domain: string;
  registrar: string;
  wsUrl: string;
  expires: string | null;
}

/** Reads a `voice` message's account; `overrides.wsUrl` wins over `sip.wsUrl`. Throws NO_SIP_ACCOUNT / NO_SIP_WEBSOCKET. */
export declare function sipAccountOf(voice: VoiceMessage, overrides?: { wsUrl?: string }): SipAccount;

/** What the phone hears of one SIP call. */
export interface SipCallHandlers {
  onRemoteStream?(stream: MediaStream): void;
  /** A provisional answer (180 Ringing: the call waits in the queue). */
  onProgress?(): void;
  /** Answered (2xx). */
  onAccepted?(): void;
  /** Ended after it was answered, or hung up. */
  onEnded?(detail: { cause: string | null; originator: string | null }): void;
  /** Failed before it was answered. */
  onFailed?(detail: { cause: string | null; originator: string | null; statusCode: number | null }): void;
}

export interface SipCall {
  hangup(): void;
  setMuted(muted: boolean): void;
}

/** The small interface between DataIvrPhone and a SIP stack (JsSIP in browsers, a fake in tests). */
export interface SipUserAgent {
  /** Resolves when the registrar accepted the account. */
  register(): Promise<void>;
  /** Resolves when the registrar answered the un-REGISTER (or at once when not registered). */
  unregister(): Promise<unknown>;
  call(target: string, options: { mediaStream?: MediaStream; handlers: SipCallHandlers }): SipCall;
  /** Never registers again after this. */
  stop(): void;
}

export type SipUserAgentFactory = (account: SipAccount) => SipUserAgent;

/** What DataIvrPhone needs of an `<audio>` element. */
export interface AudioSink {
  srcObject: MediaStream | null;
  play?(): Promise<void> | void;
}

export interface PhoneOptions {
  userAgentFactory: SipUserAgentFactory;
  /** Where the agent's voice plays (an `<audio autoplay>` element of the page). */
  audio?: AudioSink | HTMLAudioElement | null;
  /** The SIP WebSocket URL; overrides the voice message's `sip.wsUrl`. */
  wsUrl?: string;
  /** Default `navigator.mediaDevices.getUserMedia`. */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** Default `{audio: true, video: false}`. */
  mediaConstraints?: MediaStreamConstraints;
  /** Longest wait for the registrar's answer to the un-REGISTER (default 5 s). */
  unregisterTimeoutMs?: number;
}

export type PhoneState = 'idle' | 'registering' | 'registered' | 'calling' | 'ringing' | 'in-call';

export interface PhoneEvents {
  state: { state: PhoneState; previous: PhoneState };
  remotestream: { stream: MediaStream };
  /** The SIP call ended; `error` (SIP_CALL_FAILED) when it failed before it was answered. */
  callended: { cause: string | null; originator: string | null; error: DataIvrError | null };
  mute: { muted: boolean };
  /** The page's audio element refused to play (autoplay policy): play it from a user gesture. */
  audioblocked: { error: unknown };
  /** The registrar refused or did not answer the un-REGISTER; the phone stopped anyway. */
  unregisterfailed: { error: unknown };
}

export declare class DataIvrPhone extends Emitter<PhoneEvents> {
  constructor(options: PhoneOptions);
  readonly state: PhoneState;
  readonly muted: boolean;
  /** The registered account without its password, or null. */
  readonly account: Omit<SipAccount, 'password'> | null;
  /** Opens the microphone ahead of the call; rejects with MICROPHONE_DENIED / MICROPHONE_UNAVAILABLE. */
  prepareMicrophone(): Promise<MediaStream>;
  /**
   * Registers the session's device account ahead of any voice request (the `session` answer's `sip`): the
   * tap then only dials. Resolves with the account registered (password left out).
   */
  registerAhead(sip: SipAccountMessage): Promise<Omit<SipAccount, 'password'>>;
  /** Registers the voice message's account and dials its link; resolves once Asterisk took the call. */
  call(voice: VoiceMessage): Promise<void>;
  mute(muted?: boolean): void;
  hangup(): void;
  /** Hangs up, un-REGISTERs (waiting for the answer), stops the SIP stack, closes the microphone. */
  release(): Promise<void>;
}

export interface JsSipOptions {
  /** RTCPeerConnection configuration (default no STUN/TURN servers: `{iceServers: []}`). */
  pcConfig?: RTCConfiguration;
  /** `complete` (default): the INVITE waits for ICE gathering; `first-host`: it leaves at the first host candidate. */
  iceReady?: 'complete' | 'first-host';
  /** REGISTER expiry asked for, seconds (default 600). */
  registerExpires?: number;
  /** Longest wait for the registration (default 10 s). */
  registerTimeoutMs?: number;
  sessionTimers?: boolean;
  userAgent?: string;
}

/** JsSIP as the phone's SIP stack: `new DataIvrPhone({userAgentFactory: jssipUserAgentFactory(JsSIP), audio})`. */
export declare function jssipUserAgentFactory(JsSIP: unknown, options?: JsSipOptions): SipUserAgentFactory;

export declare class JsSipUserAgent implements SipUserAgent {
  constructor(JsSIP: unknown, account: SipAccount, options?: JsSipOptions);
  /** The JsSIP UA itself. */
  readonly jssip: unknown;
  register(): Promise<void>;
  unregister(): Promise<{ ok: boolean; cause: string | null }>;
  call(target: string, options: { mediaStream?: MediaStream; handlers: SipCallHandlers }): SipCall;
  stop(): void;
}
