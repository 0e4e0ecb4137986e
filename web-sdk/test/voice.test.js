import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { DataIvrClient, DataIvrError, DataIvrPhone, sipAccountOf } from '../src/index.js';
import { nextEvent, SIP, sleep, startFakeAdapter, waitFor } from './support/fake-adapter.js';

const FAST = { WebSocket, initialBackoffMs: 10, maxBackoffMs: 40, maxAttempts: 3, random: () => 0.5 };

/** A SIP stack that writes what it is asked to do into `log` (the phone's one dependency). */
function fakeSipStack(log, { registerFails = false, unregisterMs = 20, unregisterHangs = false } = {}) {
  const agents = [];
  const factory = (account) => {
    const n = agents.length + 1;
    const ua = {
      account,
      calls: [],
      stopped: false,
      async register() {
        log.push(`ua${n}: register ${account.username}`);
        await sleep(5);
        if (registerFails) {
          throw new DataIvrError('SIP_REGISTRATION_FAILED', 'the registrar refused the device account: Forbidden (SIP 403)');
        }
        log.push(`ua${n}: registered`);
      },
      async unregister() {
        log.push(`ua${n}: unregister`);
        if (unregisterHangs) {
          await new Promise(() => {});
        }
        await sleep(unregisterMs);
        log.push(`ua${n}: unregistered`);
      },
      call(target, { mediaStream, handlers }) {
        log.push(`ua${n}: call ${target}`);
        const call = {
          target, mediaStream, handlers, muted: [],
          hangup() {
            log.push(`ua${n}: hangup`);
          },
          setMuted(muted) {
            this.muted.push(muted);
          },
        };
        ua.calls.push(call);
        return call;
      },
      stop() {
        ua.stopped = true;
        log.push(`ua${n}: stop`);
      },
    };
    agents.push(ua);
    return ua;
  };
  return { factory, agents };
}

function fakeMicrophone(log, { refuse = null } = {}) {
  const track = {
    kind: 'audio', enabled: true, readyState: 'live',
    stop() {
      this.readyState = 'ended';
      log.push('mic: stop');
    },
  };
  const stream = { getTracks: () => [track], getAudioTracks: () => [track] };
  return {
    track,
    stream,
    async getUserMedia(constraints) {
      log.push(`mic: open ${JSON.stringify(constraints)}`);
      if (refuse) {
        const error = new Error('refused');
        error.name = refuse;
        throw error;
      }
      return stream;
    },
  };
}

function fakeAudio({ blocked = false } = {}) {
  return {
    srcObject: null,
    plays: 0,
    play() {
      this.plays++;
      return blocked ? Promise.reject(Object.assign(new Error('autoplay'), { name: 'NotAllowedError' })) : Promise.resolve();
    },
  };
}

function phoneWith(log, sipOptions, micOptions, phoneOptions = {}) {
  const sip = fakeSipStack(log, sipOptions);
  const mic = fakeMicrophone(log, micOptions);
  const audio = fakeAudio(phoneOptions.audio);
  const phone = new DataIvrPhone({
    userAgentFactory: sip.factory, audio, getUserMedia: mic.getUserMedia, unregisterTimeoutMs: 200, ...phoneOptions.options,
  });
  return { phone, sip, mic, audio };
}

const voiceMessage = (overrides = {}) => ({
  type: 'voice', request: 'vr-96rekq3zt3pkfg3c', queue: 'support', dial: 'sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060',
  sip: { ...SIP, ...overrides },
});

async function rejectsWith(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof DataIvrError, `a DataIvrError, not ${error}`);
    assert.equal(error.code, code);
    return true;
  });
}

describe('the device account of a voice message', { timeout: 30_000 }, () => {
  it('is read with its SIP WebSocket URL from sip.wsUrl', () => {
    const account = sipAccountOf(voiceMessage());
    assert.deepEqual(account, {
      uri: 'sip:dev-k3m9x2q7tpa4w8nb@127.0.0.1', username: SIP.username, password: SIP.password, domain: '127.0.0.1',
      registrar: 'sip:127.0.0.1:5060', wsUrl: 'ws://127.0.0.1:8088/ws', expires: '2026-11-26T06:10:00Z',
    });
  });

  it('takes the wsUrl option over the message and the domain as registrar when none is given', () => {
    const account = sipAccountOf(voiceMessage({ registrar: undefined }), { wsUrl: 'wss://pbx.example.com:8089/ws' });
    assert.equal(account.wsUrl, 'wss://pbx.example.com:8089/ws');
    assert.equal(account.registrar, 'sip:127.0.0.1');
  });

  it('is refused with NO_SIP_ACCOUNT or NO_SIP_WEBSOCKET when parts are missing', () => {
    assert.throws(() => sipAccountOf({ type: 'voice', dial: 'sip:x@y' }), { code: 'NO_SIP_ACCOUNT' });
    assert.throws(() => sipAccountOf(voiceMessage({ password: 7 })), { code: 'NO_SIP_ACCOUNT' });
    assert.throws(() => sipAccountOf(voiceMessage({ wsUrl: undefined })), { code: 'NO_SIP_WEBSOCKET' });
    assert.throws(() => sipAccountOf(voiceMessage({ wsUrl: 'sip:127.0.0.1:5060' })), { code: 'NO_SIP_WEBSOCKET' });
  });
});

describe('the phone', { timeout: 30_000 }, () => {
  it('opens the microphone, registers the account, then dials the link; resolves once Asterisk took the call', async () => {
    const log = [];
    const { phone, sip, mic, audio } = phoneWith(log);
    const states = [];
    phone.on('state', (e) => states.push(e.state));

    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1, 2000, 'the call');
    const call = sip.agents[0].calls[0];
    let resolved = false;
    placed.then(() => { resolved = true; });
    await sleep(10);
    assert.equal(resolved, false, 'not before Asterisk answers anything');
    call.handlers.onProgress();
    await placed;

    assert.deepEqual(log, [
      'mic: open {"audio":true,"video":false}',
      `ua1: register ${SIP.username}`,
      'ua1: registered',
      'ua1: call sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060',
    ]);
    assert.equal(sip.agents[0].account.wsUrl, SIP.wsUrl);
    assert.equal(sip.agents[0].account.password, SIP.password);
    assert.equal(call.mediaStream, mic.stream);
    assert.deepEqual(states, ['registering', 'registered', 'calling', 'ringing']);
    assert.equal(phone.account.uri, `sip:${SIP.username}@127.0.0.1`);
    assert.equal('password' in phone.account, false);

    const remote = { id: 'remote-stream' };
    call.handlers.onRemoteStream(remote);
    call.handlers.onAccepted();
    assert.equal(audio.srcObject, remote);
    assert.equal(audio.plays, 1);
    assert.equal(phone.state, 'in-call');

    const ended = nextEvent(phone, 'callended');
    call.handlers.onEnded({ cause: 'BYE', originator: 'remote' });
    assert.deepEqual(await ended, { cause: 'BYE', originator: 'remote', error: null });
    assert.equal(audio.srcObject, null);
    assert.equal(phone.state, 'registered');
  });

  it('mutes the microphone during the call and for the next one', async () => {
    const log = [];
    const { phone, sip, mic } = phoneWith(log);
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    const first = sip.agents[0].calls[0];
    first.handlers.onProgress();
    await placed;

    phone.mute(true);
    assert.deepEqual(first.muted, [true]);
    assert.equal(mic.track.enabled, false);
    assert.equal(phone.muted, true);
    first.handlers.onEnded({ cause: 'BYE', originator: 'local' });

    const again = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0].calls.length === 2);
    const second = sip.agents[0].calls[1];
    assert.deepEqual(second.muted, [true], 'a muted phone starts its next call muted');
    phone.mute(false);
    assert.deepEqual(second.muted, [true, false]);
    assert.equal(mic.track.enabled, true);
    second.handlers.onAccepted();
    await again;
  });

  it('hangs up the call it placed', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onProgress();
    await placed;

    phone.hangup();

    assert.equal(log.at(-1), 'ua1: hangup');
  });

  it('registers the session\'s account ahead without the microphone, and the tap then only dials', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const shown = await phone.registerAhead({ ...SIP });
    assert.equal(shown.username, SIP.username);
    assert.equal('password' in shown, false);
    assert.equal(phone.state, 'registered');
    assert.deepEqual(log, [`ua1: register ${SIP.username}`, 'ua1: registered'], 'no microphone before the tap');

    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1, 2000, 'the call');
    sip.agents[0].calls[0].handlers.onProgress();
    await placed;
    assert.equal(sip.agents.length, 1, 'the account registered ahead is the one the call uses');
    assert.deepEqual(log.slice(2), ['mic: open {"audio":true,"video":false}',
      'ua1: call sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060']);
    await rejectsWith(phoneWith([]).phone.registerAhead({ ...SIP, wsUrl: undefined }), 'NO_SIP_WEBSOCKET');
    await rejectsWith(phoneWith([]).phone.registerAhead(undefined), 'NO_SIP_ACCOUNT');
    await rejectsWith(phoneWith([], { registerFails: true }).phone.registerAhead({ ...SIP }), 'SIP_REGISTRATION_FAILED');
  });

  it('keeps the account it has for the next call, and drops an old one before registering a new one', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    for (let i = 0; i < 2; i++) {
      const placed = phone.call(voiceMessage());
      await waitFor(() => sip.agents[0]?.calls.length === i + 1);
      sip.agents[0].calls[i].handlers.onProgress();
      await placed;
      sip.agents[0].calls[i].handlers.onEnded({ cause: 'BYE' });
    }
    assert.equal(sip.agents.length, 1, 'one user agent, registered once');
    assert.equal(log.filter((l) => l.includes('register ')).length, 1);

    const placed = phone.call(voiceMessage({ username: 'dev-second-account', password: 'another' }));
    await waitFor(() => sip.agents[1]?.calls.length === 1);
    sip.agents[1].calls[0].handlers.onProgress();
    await placed;

    const tail = log.slice(log.indexOf('ua1: unregister'));
    assert.deepEqual(tail, [
      'ua1: unregister', 'ua1: unregistered', 'ua1: stop',
      'ua2: register dev-second-account', 'ua2: registered', 'ua2: call sip:vr-96rekq3zt3pkfg3c@127.0.0.1:5060',
    ]);
  });

  it('says MICROPHONE_DENIED before anything is registered or dialled', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log, {}, { refuse: 'NotAllowedError' });

    await rejectsWith(phone.call(voiceMessage()), 'MICROPHONE_DENIED');

    assert.equal(sip.agents.length, 0);
    assert.equal(phone.state, 'idle');
    const other = phoneWith([], {}, { refuse: 'NotFoundError' });
    await rejectsWith(other.phone.prepareMicrophone(), 'MICROPHONE_UNAVAILABLE');
    const none = new DataIvrPhone({ userAgentFactory: fakeSipStack([]).factory, getUserMedia: undefined });
    if (!globalThis.navigator?.mediaDevices) {
      await rejectsWith(none.prepareMicrophone(), 'MICROPHONE_UNAVAILABLE');
    }
  });

  it('rejects with SIP_REGISTRATION_FAILED, stops the stack and dials nothing when the registrar refuses', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log, { registerFails: true });

    await rejectsWith(phone.call(voiceMessage()), 'SIP_REGISTRATION_FAILED');

    assert.equal(sip.agents[0].stopped, true);
    assert.equal(sip.agents[0].calls.length, 0);
    assert.equal(phone.state, 'idle');
  });

  it('rejects with SIP_CALL_FAILED when the call fails before Asterisk takes it', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const ended = nextEvent(phone, 'callended');
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);

    sip.agents[0].calls[0].handlers.onFailed({ cause: 'Rejected', originator: 'remote', statusCode: 403 });

    await assert.rejects(placed, (e) => e.code === 'SIP_CALL_FAILED' && /Rejected \(SIP 403\)/.test(e.message));
    assert.equal((await ended).error.code, 'SIP_CALL_FAILED');
    assert.equal(phone.state, 'registered');
  });

  it('rejects a call not yet taken when the phone is released, and a call hung up before it was taken ends without error', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const waiting = phone.call(voiceMessage()).catch((e) => e);
    await waitFor(() => sip.agents[0]?.calls.length === 1);

    await phone.release();

    const refusal = await waiting;
    assert.equal(refusal.code, 'SIP_CALL_FAILED');
    assert.match(refusal.message, /released/);
    const again = phone.call(voiceMessage()).catch((e) => e);
    await waitFor(() => sip.agents[1]?.calls.length === 1);
    const ended = nextEvent(phone, 'callended');
    phone.hangup();
    sip.agents[1].calls[0].handlers.onFailed({ cause: 'Canceled', originator: 'local', statusCode: null });
    assert.deepEqual(await ended, { cause: 'Canceled', originator: 'local', error: null });
    assert.match((await again).message, /before Asterisk took it: Canceled/);
    assert.equal(phone.state, 'registered');
  });

  it('refuses a second call while one is up, and a voice message without an account', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onProgress();
    await placed;

    await rejectsWith(phone.call(voiceMessage()), 'CALL_IN_PROGRESS');
    const bare = phoneWith([]);
    await rejectsWith(bare.phone.call({ type: 'voice', request: 'vr-1', queue: 'q', dial: 'sip:vr-1@h' }), 'NO_SIP_ACCOUNT');
  });

  it('tells the page when the browser blocks the remote audio', async () => {
    const { phone, sip } = phoneWith([], {}, {}, { audio: { blocked: true } });
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    const blocked = nextEvent(phone, 'audioblocked');

    sip.agents[0].calls[0].handlers.onRemoteStream({ id: 'remote' });
    sip.agents[0].calls[0].handlers.onProgress();

    assert.equal((await blocked).error.name, 'NotAllowedError');
    await placed;
  });

  it('release() hangs up, un-REGISTERs and waits for the answer, stops the stack and closes the microphone', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const placed = phone.call(voiceMessage());
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onAccepted();
    await placed;

    await phone.release();
    await phone.release();

    assert.deepEqual(log.slice(log.indexOf('ua1: hangup')), ['ua1: hangup', 'ua1: unregister', 'ua1: unregistered', 'ua1: stop', 'mic: stop']);
    assert.equal(phone.state, 'idle');
    assert.equal(phone.account, null);
  });
});

describe('the phone and the session', { timeout: 30_000 }, () => {
  let adapter;
  const clients = [];
  before(async () => {
    adapter = await startFakeAdapter();
  });
  afterEach(() => {
    while (clients.length) {
      clients.pop().close();
    }
  });
  after(() => adapter.close());

  async function session(phone) {
    const client = await DataIvrClient.connect(adapter.url, { ...FAST, phone });
    clients.push(client);
    await client.consult({ language: 'en' });
    return client;
  }

  it('drops the device account before end is sent (un-REGISTER answered, stack stopped, then end)', async () => {
    const log = adapter.log;
    const { phone, sip } = phoneWith(log);
    const client = await session(phone);
    const voice = await client.choose('0');
    const placed = phone.call(voice);
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onAccepted();
    await placed;
    assert.equal(sip.agents[0].account.wsUrl, SIP.wsUrl, 'the SIP WebSocket URL came from the voice message');

    const ended = await client.end();

    const tail = log.slice(log.indexOf('ua1: hangup'));
    assert.deepEqual(tail, ['ua1: hangup', 'ua1: unregister', 'ua1: unregistered', 'ua1: stop', 'mic: stop', 'server: end']);
    assert.equal(ended.voiceCalls, 1);
  });

  it('still ends the session when the registrar never answers the un-REGISTER', async () => {
    const log = adapter.log;
    const { phone, sip } = phoneWith(log, { unregisterHangs: true });
    const client = await session(phone);
    const placed = phone.call(await client.choose('0'));
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onProgress();
    await placed;
    const failed = nextEvent(phone, 'unregisterfailed');

    const ended = await client.end();

    assert.match((await failed).error.message, /within 200 ms/);
    assert.equal(ended.type, 'ended');
    assert.equal(sip.agents[0].stopped, true);
    assert.ok(log.lastIndexOf('ua1: stop') < log.lastIndexOf('server: end'));
  });

  it('drops the account when the session is lost for good', async () => {
    const log = [];
    const { phone, sip } = phoneWith(log);
    const client = await session(phone);
    const placed = phone.call(await client.choose('0'));
    await waitFor(() => sip.agents[0]?.calls.length === 1);
    sip.agents[0].calls[0].handlers.onProgress();
    await placed;
    adapter.expire(client.resumeToken);

    adapter.dropAll();
    assert.equal((await nextEvent(client, 'closed')).error.code, 'SESSION_EXPIRED');

    await waitFor(() => sip.agents[0].stopped, 2000, 'the stack stopped');
    assert.deepEqual(log.slice(log.indexOf('ua1: hangup')), ['ua1: hangup', 'ua1: unregister', 'ua1: unregistered', 'ua1: stop', 'mic: stop']);
  });
});
