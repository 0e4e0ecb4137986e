import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { DataIvrClient, DataIvrError, consultationUrl } from '../src/index.js';
import { nextEvent, sleep, startFakeAdapter, TEXTS, waitFor } from './support/fake-adapter.js';

const FAST = { WebSocket, initialBackoffMs: 10, maxBackoffMs: 40, maxAttempts: 4, random: () => 0.5 };

let adapter;
const clients = [];

async function connected(options = {}) {
  const client = await DataIvrClient.connect(adapter.url, { ...FAST, ...options });
  clients.push(client);
  return client;
}

async function rejectsWith(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof DataIvrError, `a DataIvrError, not ${error}`);
    assert.equal(error.code, code);
    return true;
  });
}

before(async () => {
  adapter = await startFakeAdapter();
});
afterEach(() => {
  while (clients.length) {
    clients.pop().close();
  }
  adapter.intercept = null;
  adapter.refuseUpgrades = false;
  adapter.hangupEndsAfterMs = 5;
});
after(() => adapter.close());

describe('consulting', { timeout: 30_000 }, () => {
  it('sends only the fields given and resolves with the session and the top menu', async () => {
    const client = await connected();
    const events = [];
    client.on('session', () => events.push('session'));
    client.on('menu', () => events.push('menu'));

    const { session, menu } = await client.consult({ language: 'zh-CN', client: 'app-user-42' });

    assert.deepEqual(adapter.received('consult').at(-1), { type: 'consult', language: 'zh-CN', client: 'app-user-42' });
    assert.equal(session.type, 'session');
    assert.equal(client.sessionId, session.session);
    assert.equal(client.resumeToken, session.resumeToken);
    assert.match(client.resumeToken, /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(menu.path, []);
    assert.deepEqual(menu.items.map((i) => i.key), ['1', '2', '0']);
    assert.deepEqual(events, ['session', 'menu']);
  });

  it('says the device is a browser (webrtc) when the client has a phone, and sends an explicit device as given', async () => {
    const phone = { release: async () => {} };
    const withPhone = await connected({ phone });
    await withPhone.consult({ language: 'en' });
    assert.deepEqual(adapter.received('consult').at(-1), { type: 'consult', language: 'en', device: 'webrtc' });

    const explicit = await connected();
    await explicit.consult({ language: 'en', device: 'sip' });
    assert.deepEqual(adapter.received('consult').at(-1), { type: 'consult', language: 'en', device: 'sip' });
    await rejectsWith(explicit.consult({ device: 7 }), 'INVALID_FIELD');
  });

  it('asks for the device account with the session when told to (sipAccount), and only a boolean', async () => {
    const client = await connected({ phone: { release: async () => {} } });
    await client.consult({ language: 'en', sipAccount: true });
    assert.deepEqual(adapter.received('consult').at(-1),
      { type: 'consult', sipAccount: true, language: 'en', device: 'webrtc' });
    await rejectsWith(client.consult({ sipAccount: 'yes' }), 'INVALID_FIELD');
  });

  it('sends the customer token and rejects a replayed one with the protocol code', async () => {
    const client = await connected();
    const errors = [];
    client.on('error', (e) => errors.push(e.code));

    await rejectsWith(client.consult({ token: 'replayed-token', language: 'en' }), 'TOKEN_REPLAYED');

    assert.deepEqual(adapter.received('consult').at(-1), { type: 'consult', token: 'replayed-token', language: 'en' });
    assert.deepEqual(errors, ['TOKEN_REPLAYED']);
    assert.equal(client.sessionId, null);
    const { session } = await client.consult({ token: 'a-fresh-token' });
    assert.equal(client.sessionId, session.session);
  });

  it('builds the consultation URL from the adapter origin', () => {
    assert.equal(consultationUrl('http://127.0.0.1:8080'), 'ws://127.0.0.1:8080/ws/v1/consultation');
    assert.equal(consultationUrl('https://ivr.example.com/app/'), 'wss://ivr.example.com/ws/v1/consultation');
  });
});

describe('browsing', { timeout: 30_000 }, () => {
  it('chooses a sub-menu, a content and goes back, each answer reaching its own request', async () => {
    const client = await connected();
    await client.consult();

    const plans = await client.choose('2', []);
    assert.equal(plans.type, 'menu');
    assert.deepEqual(plans.path, ['2']);
    const content = await client.choose('1', ['2']);
    assert.equal(content.type, 'content');
    assert.equal(content.text, TEXTS['2/1']);
    const top = await client.back();
    assert.deepEqual(top.path, []);
    const balance = await client.choose('1');
    assert.equal(balance.text, TEXTS['1'], 'plain text kept exactly, markup included');
    const again = await client.menu();
    assert.deepEqual(again.path, []);
  });

  it('pipelines requests: answers come in order and each promise gets its own', async () => {
    const client = await connected();
    await client.consult();

    const [a, b, c, d] = await Promise.all([client.choose('2'), client.choose('1'), client.back(), client.menu()]);

    assert.deepEqual([a.type, a.path], ['menu', ['2']]);
    assert.deepEqual([b.type, b.path], ['content', ['2', '1']]);
    assert.deepEqual([c.type, c.path], ['menu', []]);
    assert.deepEqual([d.type, d.path], ['menu', []]);
  });

  it('rejects refused requests with the server\'s codes and keeps serving the next ones', async () => {
    const client = await connected();
    await client.consult();
    const codes = [];
    client.on('error', (e) => codes.push(e.code));

    const refused = [client.choose('9'), client.back(), client.choose('1', ['2'])];
    const next = client.choose('2');

    await rejectsWith(refused[0], 'ITEM_NOT_FOUND');
    await rejectsWith(refused[1], 'ALREADY_AT_TOP');
    await rejectsWith(refused[2], 'STALE_CHOICE');
    assert.deepEqual((await next).path, ['2']);
    assert.deepEqual(codes, ['ITEM_NOT_FOUND', 'ALREADY_AT_TOP', 'STALE_CHOICE']);
    const error = await client.choose('7').catch((e) => e);
    assert.match(error.message, /no item "7"/);
  });

  it('refuses out-of-order and malformed calls locally with the protocol codes, sending nothing', async () => {
    const client = await connected();
    const before = adapter.frames.length;

    await rejectsWith(client.choose('1'), 'NO_SESSION');
    await rejectsWith(client.back(), 'NO_SESSION');
    await rejectsWith(client.menu(), 'NO_SESSION');
    await rejectsWith(client.hangup(), 'NO_SESSION');
    await rejectsWith(client.end(), 'NO_SESSION');
    assert.equal(adapter.frames.length, before, 'nothing was sent');

    const opening = client.consult();
    await rejectsWith(client.consult(), 'SESSION_ALREADY_STARTED');
    await opening;
    await rejectsWith(client.consult(), 'SESSION_ALREADY_STARTED');
    await rejectsWith(client.resume('x.y'), 'SESSION_ALREADY_STARTED');
    await rejectsWith(client.choose(5), 'INVALID_FIELD');
    await rejectsWith(client.choose('1', '2'), 'INVALID_FIELD');
    await rejectsWith(client.consult({ language: 7 }), 'INVALID_FIELD');
    assert.equal(adapter.frames.length, before + 1, 'only the first consult was sent');
  });

  it('fails requests made before connect() with CONNECTION_LOST', async () => {
    const client = new DataIvrClient(adapter.url, FAST);
    clients.push(client);
    await rejectsWith(client.consult(), 'CONNECTION_LOST');
    assert.equal(client.state, 'idle');
  });

  it('reports a frame that is not a JSON object without disturbing the requests', async () => {
    const client = await connected();
    await client.consult();
    adapter.intercept = (message, conn) => {
      if (message.type === 'menu') {
        conn.send('{not json');
        conn.send('[1]');
      }
      return false;
    };
    const odd = [];
    client.on('message', (m) => m.type === 'undecodable' && odd.push(m.raw));

    const menu = await client.menu();

    assert.equal(menu.type, 'menu');
    assert.deepEqual(odd, ['{not json', '[1]']);
  });

  it('ends the session with its counts and forgets it', async () => {
    const client = await connected();
    await client.consult();
    await client.choose('1');
    await client.choose('2');

    const ended = await client.end();

    assert.deepEqual({ ...ended, session: undefined },
      { type: 'ended', session: undefined, reason: 'customer', itemsChosen: 2, contentsSent: 1, voiceCalls: 0 });
    assert.equal(client.sessionId, null);
    assert.equal(client.resumeToken, null);
    await rejectsWith(client.menu(), 'NO_SESSION');
  });
});

describe('pushed call updates', { timeout: 30_000 }, () => {
  it('are events that never take another request\'s answer', async () => {
    const client = await connected();
    const { session } = await client.consult();
    const calls = [];
    client.on('call', (c) => calls.push(c.state + (c.position ? `@${c.position}` : '')));

    const voice = await client.choose('0');
    assert.equal(voice.type, 'voice');
    assert.equal(voice.sip.username, 'dev-k3m9x2q7tpa4w8nb');
    adapter.intercept = (message, conn, s) => {
      if (message.type === 'menu') {
        adapter.push(s, { type: 'call', state: 'queued', request: voice.request, position: 2, estimatedWaitSeconds: 60 });
        adapter.push(s, { type: 'call', state: 'queued', request: voice.request, position: 1, estimatedWaitSeconds: 30 });
      }
      return false;
    };
    const menu = await client.menu();
    adapter.push(session.session, { type: 'call', state: 'ringing', request: voice.request, agent: 'agent2' });
    adapter.push(session.session, { type: 'call', state: 'talking', request: voice.request, agent: 'agent2' });
    await waitFor(() => client.call?.state === 'talking', 3000, 'the talking update');

    assert.equal(menu.type, 'menu');
    assert.deepEqual(calls, ['requested', 'queued@2', 'queued@1', 'ringing', 'talking']);
    assert.equal(client.call.agent, 'agent2');
    await rejectsWith(client.choose('0'), 'CALL_IN_PROGRESS');
  });
});

describe('hanging up', { timeout: 30_000 }, () => {
  async function inCall(client) {
    await client.consult();
    const voice = await client.choose('0');
    adapter.push(client.sessionId, { type: 'call', state: 'queued', request: voice.request, position: 1, estimatedWaitSeconds: 30 });
    await waitFor(() => client.call?.state === 'queued');
    return voice;
  }

  it('resolves with the call\'s end; a request made meanwhile waits for it and gets its own answer', async () => {
    const client = await connected();
    const voice = await inCall(client);
    adapter.hangupEndsAfterMs = 40;

    const hangup = client.hangup();
    const choice = client.choose('2');
    await sleep(15);
    assert.deepEqual(adapter.frames.slice(-1).map((f) => f.message.type), ['hangup'], 'the choice waits behind the hangup');

    const ended = await hangup;
    assert.deepEqual([ended.state, ended.reason, ended.request], ['ended', 'GAVE_UP', voice.request]);
    assert.deepEqual((await choice).path, ['2']);
    assert.deepEqual(adapter.frames.slice(-2).map((f) => f.message.type), ['hangup', 'choose']);
  });

  it('rejects a refused hangup with NO_CALL and still answers the request behind it', async () => {
    const client = await connected();
    await client.consult();

    const hangup = client.hangup();
    const choice = client.choose('2');

    await rejectsWith(hangup, 'NO_CALL');
    assert.deepEqual((await choice).path, ['2']);
  });

  it('gives a NO_CALL racing with the call\'s end to the hangup, not to the next request', async () => {
    const client = await connected();
    const voice = await inCall(client);
    adapter.intercept = (message, conn, s) => {
      if (message.type === 'hangup') {
        // the agent hung up just before: the end is pushed, then the hangup is refused
        adapter.push(s, { type: 'call', state: 'ended', request: voice.request, endedBy: 'agent', reason: 'COMPLETED' });
        conn.send(JSON.stringify({ type: 'error', code: 'NO_CALL', message: 'the session has no call' }));
        return true;
      }
      return false;
    };

    const hangup = client.hangup();
    const choice = client.choose('2');

    assert.equal((await hangup).endedBy, 'agent');
    assert.deepEqual((await choice).path, ['2']);
  });

  it('sends what waited behind a hangup after hangupSettleMs when nothing tells more', async () => {
    const client = await connected({ hangupSettleMs: 60 });
    await inCall(client);
    adapter.hangupEndsAfterMs = null; // Asterisk is slow to report

    const hangup = client.hangup();
    const started = Date.now();
    const menu = await client.menu();

    assert.ok(Date.now() - started >= 55, 'waited for the settle time');
    assert.equal(menu.type, 'menu');
    let settled = false;
    hangup.then(() => { settled = true; }, () => { settled = true; });
    await sleep(20);
    assert.equal(settled, false, 'the hangup still waits for the call\'s end');
    adapter.push(client.sessionId, { type: 'call', state: 'ended', request: client.call.request, endedBy: 'customer', reason: 'GAVE_UP' });
    assert.equal((await hangup).reason, 'GAVE_UP');
  });
});

describe('resuming after a dropped connection', { timeout: 30_000 }, () => {
  it('fails the request in flight, reconnects with backoff and resumes at the same level', async () => {
    const client = await connected();
    const { session } = await client.consult();
    await client.choose('2');
    const token = client.resumeToken;
    adapter.intercept = (message) => {
      if (message.type === 'menu') {
        adapter.dropAll(); // the network goes away before the answer
        return true;
      }
      return false;
    };
    const reconnecting = nextEvent(client, 'reconnecting');
    const resumed = nextEvent(client, 'resumed');

    await rejectsWith(client.menu(), 'CONNECTION_LOST');
    adapter.intercept = null;

    assert.deepEqual(await reconnecting, { attempt: 1, delayMs: 10, error: (await reconnecting).error });
    const { session: again, menu } = await resumed;
    assert.equal(again.resumed, true);
    assert.equal(again.session, session.session);
    assert.deepEqual(menu.path, ['2']);
    assert.deepEqual(adapter.received('resume').at(-1), { type: 'resume', token });
    assert.equal(client.state, 'open');
    assert.equal(client.resumeToken, token);
    assert.equal((await client.choose('1')).type, 'content');
  });

  it('gets the call\'s current state after the resume and the pushes that follow', async () => {
    const client = await connected();
    await client.consult();
    const voice = await client.choose('0');
    const resumed = nextEvent(client, 'resumed');

    adapter.dropAll();
    await resumed;
    await waitFor(() => client.call?.state === 'requested', 3000, 'the re-sent call state');
    adapter.push(client.sessionId, { type: 'call', state: 'talking', request: voice.request, agent: 'agent1' });

    await waitFor(() => client.call?.state === 'talking', 3000, 'the talking push');
    assert.equal(client.call.request, voice.request);
  });

  it('tries a bounded number of times with doubling, capped, jittered delays, then gives up', async () => {
    const client = await connected({ maxAttempts: 4, random: () => 0 });
    await client.consult();
    const delays = [];
    client.on('reconnecting', (e) => delays.push(e.delayMs));
    const closed = nextEvent(client, 'closed');
    adapter.refuseUpgrades = true;
    const handshakesBefore = adapter.handshakes;

    adapter.dropAll();
    const { error } = await closed;

    assert.equal(error.code, 'RECONNECT_FAILED');
    // 10, 20, 40, 40 ms capped at maxBackoffMs, each × 0.8 (random 0 = the low end of ±20 %)
    assert.deepEqual(delays, [8, 16, 32, 32]);
    assert.equal(adapter.handshakes - handshakesBefore, 4);
    assert.equal(client.state, 'closed');
    await sleep(150);
    assert.equal(adapter.handshakes - handshakesBefore, 4, 'no attempt after giving up');
  });

  it('jitters each delay within ±20 % of its base', async () => {
    const draws = [0.999, 0, 0.5];
    const client = await connected({ maxAttempts: 3, random: () => draws.shift() });
    await client.consult();
    const delays = [];
    client.on('reconnecting', (e) => delays.push(e.delayMs));
    adapter.refuseUpgrades = true;

    adapter.dropAll();
    await nextEvent(client, 'closed');

    assert.deepEqual(delays, [12, 16, 40]);
  });

  it('stops when the session expired while it was away', async () => {
    const client = await connected();
    await client.consult();
    adapter.expire(client.resumeToken);
    const closed = nextEvent(client, 'closed');
    const handshakesBefore = adapter.handshakes;

    adapter.dropAll();
    const { error } = await closed;

    assert.equal(error.code, 'SESSION_EXPIRED');
    assert.equal(client.sessionId, null);
    assert.equal(client.resumeToken, null);
    await sleep(80);
    assert.equal(adapter.handshakes - handshakesBefore, 1);
  });

  it('stops without reconnecting when the session is resumed on another connection (4001)', async () => {
    const first = await connected();
    await first.consult();
    const closed = nextEvent(first, 'closed');
    const second = await connected();

    const { session } = await second.resume(first.resumeToken);

    const { error } = await closed;
    assert.equal(error.code, 'RESUMED_ELSEWHERE');
    assert.equal(session.session, first.sessionId);
    assert.equal(first.state, 'closed');
    assert.equal(second.resumeToken, first.resumeToken, 'the resumed client keeps the token for its own drops');
    const resumed = nextEvent(second, 'resumed');
    adapter.dropAll();
    assert.equal((await resumed).session.session, session.session);
  });

  it('does not reconnect a connection that dropped before any session', async () => {
    const client = await connected();
    const closed = nextEvent(client, 'closed');

    adapter.dropAll();

    const { error } = await closed;
    assert.equal(error.code, 'CONNECTION_LOST');
    assert.equal(client.state, 'closed');
  });

  it('fails connect() with CONNECTION_FAILED when nothing listens', async () => {
    const client = new DataIvrClient('ws://127.0.0.1:9/ws/v1/consultation', FAST);
    clients.push(client);
    await rejectsWith(client.connect(), 'CONNECTION_FAILED');
    assert.equal(client.state, 'closed');
  });

  it('close() fails what waits with CONNECTION_LOST and reconnects no more', async () => {
    const client = await connected();
    await client.consult();
    adapter.intercept = (message) => message.type === 'menu'; // never answered
    const closed = nextEvent(client, 'closed');
    const waiting = client.menu();
    await waitFor(() => adapter.received('menu').length > 0);

    client.close();

    await rejectsWith(waiting, 'CONNECTION_LOST');
    assert.deepEqual(await closed, { error: null });
    const handshakes = adapter.handshakes;
    await sleep(60);
    assert.equal(adapter.handshakes, handshakes);
  });
});
