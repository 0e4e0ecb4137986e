// The real JsSIP (the ES module bundle `npm run build` makes for browsers, dist/vendor/jssip.js)
// behind DataIvrPhone, against an in-process SIP-over-WebSocket registrar. Node has no WebRTC, so a
// minimal RTCPeerConnection stands in for the browser's; SIP signalling is all JsSIP's own.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { DataIvrClient, DataIvrPhone, jssipUserAgentFactory } from '../src/index.js';
import { nextEvent, sleep, startFakeAdapter, SIP, waitFor } from './support/fake-adapter.js';
import { startFakeSip } from './support/fake-sip.js';

const BUNDLE = new URL('../dist/vendor/jssip.js', import.meta.url);
if (!existsSync(BUNDLE)) {
  throw new Error('dist/vendor/jssip.js is missing: run `npm run build` (npm test does)');
}
const { default: JsSIP } = await import(BUNDLE.href);

// --- what a browser gives JsSIP -------------------------------------------------------------------

class FakeTrack {
  kind = 'audio';
  enabled = true;
  readyState = 'live';
  stop() {
    this.readyState = 'ended';
  }
}
class FakeStream {
  constructor(tracks = [new FakeTrack()]) {
    this.tracks = tracks;
  }
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks;
  }
}
const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\n';

class FakePeerConnection extends EventTarget {
  static instances = [];
  /** 'complete': gathering is done at once; 'trickle': host candidates come one by one, never complete. */
  static gathering = 'complete';
  constructor(config) {
    super();
    this.config = config;
    this.senders = [];
    this.localDescription = null;
    this.remoteDescription = null;
    this.signalingState = 'stable';
    this.iceConnectionState = 'new';
    this.iceGatheringState = FakePeerConnection.gathering === 'complete' ? 'complete' : 'new';
    this.closed = false;
    FakePeerConnection.instances.push(this);
  }
  addTrack(track) {
    const sender = { track };
    this.senders.push(sender);
    return sender;
  }
  getSenders() {
    return this.senders;
  }
  getReceivers() {
    return [];
  }
  async createOffer() {
    return { type: 'offer', sdp: OFFER };
  }
  async setLocalDescription(description) {
    this.localDescription = description;
    this.signalingState = 'have-local-offer';
    if (FakePeerConnection.gathering === 'trickle') {
      this.iceGatheringState = 'gathering';
      setTimeout(() => {
        const event = new Event('icecandidate');
        event.candidate = { candidate: 'candidate:1 1 udp 2122260223 198.18.0.2 50000 typ host' };
        this.dispatchEvent(event);
      }, 5);
    }
  }
  async setRemoteDescription(description) {
    this.remoteDescription = description;
    this.signalingState = 'stable';
    const event = new Event('track');
    event.track = new FakeTrack();
    event.streams = [new FakeStream([event.track])];
    this.remoteStream = event.streams[0];
    setTimeout(() => this.dispatchEvent(event), 0);
  }
  close() {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

globalThis.WebSocket = WebSocket; // JsSIP's WebSocketInterface uses the global one, as in a browser
globalThis.window = globalThis;
globalThis.RTCPeerConnection = FakePeerConnection;
globalThis.RTCSessionDescription = class {
  constructor(init) {
    Object.assign(this, init);
  }
};

// --- the tests ---------------------------------------------------------------------------------------

let sip;
let microphone;
const phones = [];

function jssipPhone(options = {}, jssipOptions = {}) {
  const audio = { srcObject: null, play: async () => {} };
  const phone = new DataIvrPhone({
    userAgentFactory: jssipUserAgentFactory(JsSIP, { registerTimeoutMs: 3000, ...jssipOptions }),
    audio,
    wsUrl: sip.url,
    getUserMedia: async () => microphone,
    unregisterTimeoutMs: 2000,
    ...options,
  });
  phones.push(phone);
  return { phone, audio };
}

const voice = (request = 'vr-96rekq3zt3pkfg3c') => ({
  type: 'voice', request, queue: 'support', dial: `sip:${request}@127.0.0.1:5060`, sip: { ...SIP },
});

before(async () => {
  sip = await startFakeSip({ accounts: { [SIP.username]: SIP.password } });
});
afterEach(async () => {
  while (phones.length) {
    await phones.pop().release();
  }
  sip.registerAnswer = 'ok';
  FakePeerConnection.gathering = 'complete';
  sip.log.length = 0;
  sip.requests.length = 0;
});
after(() => sip.close());

describe('JsSIP behind the phone', { timeout: 30_000 }, () => {
  it('is the bundled JsSIP, an ES module', () => {
    assert.equal(JsSIP.name, 'JsSIP');
    assert.equal(JsSIP.version, '3.13.8');
    assert.equal(typeof JsSIP.UA, 'function');
  });

  it('registers the device account with digest authentication, dials the link and hears the agent', async () => {
    microphone = new FakeStream();
    const { phone, audio } = jssipPhone();

    const ringing = phone.call(voice());
    await ringing;

    assert.deepEqual(sip.log, [
      'sip: ws open',
      'sip: REGISTER expires=600 challenged',
      'sip: REGISTER expires=600 accepted',
      'sip: INVITE sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060 challenged',
      'sip: ACK of a challenge',
      'sip: INVITE sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060 with audio',
    ]);
    const register = sip.requests.find((r) => r.method === 'REGISTER' && r.get('authorization'));
    assert.equal(register.uri, SIP.registrar);
    assert.match(register.get('to'), /<sip:dev-k3m9x2q7tpa4w8nb@127\.0\.0\.1>/);
    assert.match(register.get('via'), /^SIP\/2\.0\/WS /);
    assert.match(register.get('authorization'), /username="dev-k3m9x2q7tpa4w8nb"/);
    assert.equal(phone.state, 'ringing');
    assert.deepEqual(FakePeerConnection.instances.at(-1).config.iceServers, [], 'no STUN/TURN unless given');
    assert.equal(FakePeerConnection.instances.at(-1).senders[0].track, microphone.tracks[0], 'the prepared microphone is sent');

    sip.answer();
    await waitFor(() => phone.state === 'in-call', 3000, 'the answered call');
    await waitFor(() => audio.srcObject !== null, 3000, 'the remote audio');
    assert.equal(audio.srcObject, FakePeerConnection.instances.at(-1).remoteStream);
    assert.equal(sip.log.at(-1), 'sip: ACK');

    phone.mute(true);
    assert.equal(microphone.tracks[0].enabled, false);
    const ended = nextEvent(phone, 'callended');
    phone.hangup();
    assert.equal((await ended).originator, 'local');
    await waitFor(() => sip.log.includes('sip: BYE'), 3000, 'the BYE');
    assert.equal(audio.srcObject, null);
  });

  it('cancels a call still waiting for an agent', async () => {
    microphone = new FakeStream();
    const { phone } = jssipPhone();
    await phone.call(voice());
    const ended = nextEvent(phone, 'callended');

    phone.hangup();

    await waitFor(() => sip.log.includes('sip: CANCEL'), 3000, 'the CANCEL');
    assert.equal((await ended).cause, 'Canceled');
    assert.equal(phone.state, 'registered');
  });

  it('sends the INVITE at the first host candidate with iceReady "first-host"', async () => {
    microphone = new FakeStream();
    FakePeerConnection.gathering = 'trickle'; // gathering never completes
    const { phone } = jssipPhone({}, { iceReady: 'first-host' });

    await Promise.race([phone.call(voice()), sleep(2000).then(() => assert.fail('no INVITE within 2 s'))]);

    assert.ok(sip.log.some((l) => l.startsWith('sip: INVITE') && l.endsWith('with audio')));
  });

  it('waits for ICE gathering by default', async () => {
    microphone = new FakeStream();
    FakePeerConnection.gathering = 'trickle';
    const { phone } = jssipPhone();

    phone.call(voice()).catch(() => {});
    await waitFor(() => phone.state === 'calling');
    await sleep(100);

    assert.equal(sip.log.some((l) => l.startsWith('sip: INVITE')), false);
  });

  it('fails with SIP_REGISTRATION_FAILED on a refused account and sends no more REGISTERs', async () => {
    microphone = new FakeStream();
    sip.registerAnswer = 403;
    const { phone } = jssipPhone();

    await assert.rejects(phone.call(voice()), (e) => e.code === 'SIP_REGISTRATION_FAILED' && /SIP 403/.test(e.message));

    const registers = sip.requests.filter((r) => r.method === 'REGISTER').length;
    await waitFor(() => sip.log.includes('sip: ws closed'), 3000, 'the SIP WebSocket closed');
    await sleep(300);
    assert.equal(sip.requests.filter((r) => r.method === 'REGISTER').length, registers, 'no REGISTER retried');
    assert.equal(sip.requests.some((r) => r.method === 'INVITE'), false);
  });

  it('fails with SIP_REGISTRATION_FAILED when the SIP WebSocket cannot be reached', async () => {
    microphone = new FakeStream();
    const { phone } = jssipPhone({ wsUrl: 'ws://127.0.0.1:9/ws' });

    await assert.rejects(phone.call(voice()), (e) => e.code === 'SIP_REGISTRATION_FAILED');
    assert.equal(phone.state, 'idle');
  });

  it('un-REGISTERs and has it answered before the session\'s end is sent, then closes the SIP WebSocket', async () => {
    microphone = new FakeStream();
    const adapter = await startFakeAdapter();
    const log = [];
    sip.log = log;
    adapter.log = log;
    try {
      const { phone } = jssipPhone({ wsUrl: undefined });
      const client = await DataIvrClient.connect(adapter.url, { WebSocket, phone });
      await client.consult();
      const answer = await client.choose('0');
      // the adapter's voice message names the SIP WebSocket: here the test's registrar
      await phone.call({ ...answer, sip: { ...answer.sip, wsUrl: sip.url } });
      sip.answer();
      await waitFor(() => phone.state === 'in-call');

      await client.end();
      client.close();

      // JsSIP closes its WebSocket once the BYE's transaction is over (its stop() waits up to 2 s)
      await waitFor(() => log.includes('sip: ws closed'), 4000, 'the SIP WebSocket closed');
      const from = log.indexOf('sip: ACK') + 1;
      assert.deepEqual(log.slice(from), [
        'sip: BYE',
        'sip: REGISTER expires=0 challenged',
        'sip: REGISTER expires=0 accepted',
        'server: end',
        'sip: ws closed',
      ]);
    } finally {
      await adapter.close();
    }
  });
});
