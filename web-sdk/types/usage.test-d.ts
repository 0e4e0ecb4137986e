// Compiled by `npm run typecheck` (never run): it uses the declared API as a page would, so a
// declaration that does not fit it fails the build. Lines marked @ts-expect-error must stay errors.
import {
  DataIvrClient, DataIvrError, DataIvrPhone, consultationUrl, jssipUserAgentFactory, sipAccountOf,
  backoffDelay, DEFAULT_BACKOFF, SdkErrorCodes, PROTOCOL_VERSION,
  type CallMessage, type ContentMessage, type MenuMessage, type SipUserAgentFactory, type VoiceMessage,
} from './index.js';

declare const JsSIP: unknown;
declare const audio: HTMLAudioElement;

async function page(): Promise<void> {
  const phone = new DataIvrPhone({ userAgentFactory: jssipUserAgentFactory(JsSIP, { iceReady: 'first-host' }), audio });
  const client = await DataIvrClient.connect(consultationUrl('http://127.0.0.1:8080'), { phone, maxAttempts: 5 });
  const { session, menu } = await client.consult({ language: 'en', client: 'demo-user' });
  const id: string = session.session;
  const title: string = menu.title;
  const answer = await client.choose(menu.items[0].key, menu.path);
  if (answer.type === 'voice') {
    const voice: VoiceMessage = answer;
    await phone.prepareMicrophone();
    await phone.call(voice);
    phone.mute(true);
    phone.hangup();
  } else if (answer.type === 'content') {
    const text: string = (answer satisfies ContentMessage).text;
  } else {
    const level: MenuMessage = answer;
  }
  client.on('call', (call: CallMessage) => {
    const wait: number | null | undefined = call.estimatedWaitSeconds;
  });
  const off = client.on('reconnecting', ({ attempt, delayMs }) => attempt + delayMs);
  off();
  client.on('closed', ({ error }) => error?.code);
  phone.on('state', ({ state }) => state === 'in-call');
  try {
    await client.hangup();
  } catch (error) {
    if (error instanceof DataIvrError && error.code === SdkErrorCodes.CONNECTION_LOST) {
      // reconnecting
    }
  }
  const ended = await client.end();
  const count: number = ended.itemsChosen + ended.voiceCalls;
  client.close();
  const delay: number = backoffDelay(3, DEFAULT_BACKOFF, 0.5);
  const version: 1 = PROTOCOL_VERSION;
  const fake: SipUserAgentFactory = (account) => ({
    register: async () => {},
    unregister: async () => account.uri,
    call: () => ({ hangup() {}, setMuted() {} }),
    stop() {},
  });
  sipAccountOf({ type: 'voice', request: 'vr-1', queue: 'q', dial: 'sip:vr-1@h' }, { wsUrl: 'ws://h/ws' });
  // @ts-expect-error a key is a string
  client.choose(1);
  // @ts-expect-error no such event
  client.on('nonsense', () => {});
  // @ts-expect-error the phone needs a SIP stack
  new DataIvrPhone({ audio });
}
void page;
