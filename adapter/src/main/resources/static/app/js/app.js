// DataIVR's reference customer page (/app/): the visual IVR of docs/protocol.md in a browser, on
// the web SDK (../sdk/). How a company opens it: README.md, "The customer page".
import { DataIvrClient, DataIvrPhone, consultationUrl, jssipUserAgentFactory } from '../sdk/index.js';
import { LANGUAGES, pageLanguage, text } from './i18n.js';
import { launchParameters, demoToken, savedSession, saveSession, forgetSession } from './launch.js';
import * as view from './view.js';

const $ = (id) => document.getElementById(id);

const page = {
  language: 'en',
  /** The session's client (one connection per session), or null. */
  client: null,
  menuId: undefined,
  /** A customer token handed over by the company's site: used once. */
  token: null,
  /** A new session can be opened without the company's site (demo mode). */
  restartable: false,
  sessionId: null,
  menu: null,
  titles: new Map(),
  answerKey: null,
  call: null,
  voice: null,
  /** Whether this server lets the browser place the call: unknown until a voice message says. */
  browserVoice: 'unknown',
  busy: false,
};

// --- the browser's phone (WebRTC, JsSIP loaded only once a call needs it) ---------------------

let JsSIP = null;
let jssipLoading = null;
function loadJsSip() {
  jssipLoading ??= import('../vendor/jssip.js').then((module) => {
    JsSIP = module.default;
    return JsSIP;
  });
  return jssipLoading;
}

const phone = new DataIvrPhone({
  userAgentFactory: (account) => jssipUserAgentFactory(JsSIP, { iceReady: 'first-host' })(account),
  audio: $('agent-voice'),
});
phone.on('state', () => renderPhone());
phone.on('mute', () => renderPhone());
phone.on('audioblocked', () => {
  $('audio-play').hidden = false;
});
phone.on('callended', ({ error }) => {
  if (error && view.callIsLive(page.call)) {
    view.showProblem(page.language, error.code);
  }
});

// --- sessions ---------------------------------------------------------------------------------

async function openSession({ resumeToken = null } = {}) {
  view.showProblem(page.language, null);
  view.showConnection(text(page.language, 'connecting'));
  view.showSessionLayout();
  page.titles = new Map();
  page.call = null;
  page.voice = null;
  page.answerKey = null;
  view.hideAnswer();
  view.showCall(page.language, null, null);
  const client = new DataIvrClient(consultationUrl(location.origin), { phone });
  page.client = client;
  listen(client);
  try {
    await client.connect();
    let opened;
    if (resumeToken) {
      opened = await client.resume(resumeToken);
    } else {
      let token = page.token;
      page.token = null; // a customer token opens one session
      if (!token) {
        token = await demoToken();
        page.restartable = true;
      }
      opened = await client.consult({ token, menu: page.menuId, language: page.language,
        sipAccount: browserCanCall() && page.browserVoice !== 'no' });
    }
    if (page.client !== client) {
      return;
    }
    page.sessionId = opened.session.session;
    saveSession({ resumeToken: client.resumeToken, restartable: page.restartable, language: page.language });
    view.showReference(page.language, page.sessionId);
    view.showConnection(null);
    showMenu(opened.menu, { focus: false });
    registerAhead(opened.session.sip);
  } catch (error) {
    if (page.client !== client) {
      return;
    }
    client.close();
    page.client = null;
    forgetSession();
    view.showConnection(null);
    if (resumeToken) {
      return openSession(); // the session to resume is gone: a new one
    }
    if (error?.code === 'DEMO_DISABLED') {
      page.restartable = false;
    }
    view.showProblem(page.language, error?.code ?? 'CONNECTION_FAILED');
    view.showFinished(page.language, null, page.restartable);
  }
}

function listen(client) {
  const mine = (handler) => (event) => {
    if (page.client === client) {
      handler(event);
    }
  };
  client.on('call', mine((call) => {
    page.call = call;
    renderCall();
  }));
  client.on('reconnecting', mine(({ attempt }) => {
    view.showConnection(text(page.language, 'reconnecting', { attempt }));
    view.setInteractive(false, atTop());
  }));
  client.on('resumed', mine(({ menu }) => {
    view.showConnection(text(page.language, 'reconnected'), true);
    setTimeout(() => {
      if (page.client === client && client.state === 'open') {
        view.showConnection(null);
      }
    }, 3000);
    showMenu(menu, { focus: false });
  }));
  client.on('closed', mine(({ error }) => {
    if (!error) {
      return;
    }
    page.client = null;
    forgetSession();
    view.showConnection(null);
    view.showProblem(page.language, error.code);
    view.showFinished(page.language, null, page.restartable);
  }));
}

async function endSession() {
  const client = page.client;
  if (!client || page.busy) {
    return;
  }
  page.busy = true;
  view.setInteractive(false, atTop());
  view.showConnection(text(page.language, 'ending'));
  try {
    const ended = await client.end();
    page.client = null;
    client.close();
    forgetSession();
    view.showConnection(null);
    view.showFinished(page.language, ended, page.restartable);
  } catch (error) {
    view.showConnection(null);
    view.showProblem(page.language, error?.code);
    view.setInteractive(true, atTop());
  } finally {
    page.busy = false;
  }
}

// --- browsing (steps 2-5) -----------------------------------------------------------------------

const FIRST_MENU = 'dataivr:first-menu';

function atTop() {
  return (page.menu?.path ?? []).length === 0;
}

function showMenu(menu, { focus = true } = {}) {
  page.menu = menu;
  page.titles.set((menu.path ?? []).join('/'), menu.title);
  if ((menu.path ?? []).length === 0) {
    view.showDocumentTitle(page.language, menu.title);
  }
  renderLevel();
  if (performance.getEntriesByName(FIRST_MENU).length === 0) {
    performance.mark(FIRST_MENU); // time to first menu, for monitoring and bench/browser-call-setup.sh
  }
  if (focus) {
    $('level-heading').focus();
  }
}

/** The current level's items (the answer shown marked), usable while the session is connected. */
function renderLevel() {
  view.showLevel(page.language, page.menu, page.titles, page.answerKey, choose);
  view.setInteractive(Boolean(page.client) && page.client.state === 'open', atTop());
  warmUpOnIntent();
}

/** Runs one request; says what went wrong in words. Resolves with the answer, or null. */
async function request(send) {
  if (!page.client || page.busy) {
    return null;
  }
  page.busy = true;
  try {
    view.showProblem(page.language, null);
    return await send(page.client);
  } catch (error) {
    if (error?.code === 'STALE_CHOICE' || error?.code === 'ITEM_NOT_FOUND') {
      page.busy = false;
      const current = await request((client) => client.menu());
      if (current) {
        showMenu(current);
      }
    } else if (error?.code !== 'CONNECTION_LOST') {
      view.showProblem(page.language, error?.code);
    }
    return null;
  } finally {
    page.busy = false;
  }
}

async function choose(item) {
  if (item.kind === 'voice' && !(await readyForVoice())) {
    return;
  }
  const answer = await request((client) => client.choose(item.key, page.menu.path));
  if (!answer) {
    return;
  }
  if (answer.type === 'menu') {
    page.answerKey = null;
    view.hideAnswer();
    showMenu(answer);
  } else if (answer.type === 'content') {
    page.answerKey = item.key;
    view.showAnswer(page.language, answer, item.label);
    renderLevel();
    $('answer').focus();
  } else if (answer.type === 'voice') {
    await placeCall(answer);
  }
}

async function back() {
  const menu = await request((client) => client.back());
  if (menu) {
    page.answerKey = null;
    view.hideAnswer();
    showMenu(menu);
  }
}

async function toTop() {
  let menu = null;
  for (let depth = (page.menu?.path ?? []).length; depth > 0; depth--) {
    menu = await request((client) => client.back());
    if (!menu) {
      break;
    }
    page.menu = menu;
  }
  if (menu) {
    page.answerKey = null;
    view.hideAnswer();
    showMenu(menu);
  }
}

// --- the call (steps 6-7) --------------------------------------------------------------------

/**
 * Starts loading JsSIP as soon as the customer heads for a voice item (pointer down, focus), so the
 * tap does not wait for it; not while this server is known to give browsers no SIP WebSocket.
 */
function warmUpOnIntent() {
  for (const button of document.querySelectorAll('#items button.voice')) {
    const warmUp = () => {
      if (page.browserVoice !== 'no') {
        loadJsSip().catch(() => {
          jssipLoading = null; // tried again at the call
        });
      }
    };
    button.addEventListener('pointerdown', warmUp, { once: true });
    button.addEventListener('focus', warmUp, { once: true });
  }
}

/** Whether this browser can place the call itself (WebRTC and a microphone API). */
function browserCanCall() {
  return typeof RTCPeerConnection === 'function' && Boolean(navigator.mediaDevices?.getUserMedia);
}

/**
 * The session's device account (given with the session when its menu has a voice item), registered while
 * the customer browses: the tap on a voice item then only dials. A failure here is not shown: the tap
 * registers again, and says what went wrong if it fails then.
 */
function registerAhead(sip) {
  if (!sip) {
    return;
  }
  if (!sip.wsUrl) {
    page.browserVoice = 'no'; // this server gives browsers no SIP WebSocket
    return;
  }
  loadJsSip()
    .then(() => phone.registerAhead(sip))
    .catch(() => {
      jssipLoading = null;
    });
}

/** The microphone, before the call is asked for (unless this server has no browser voice). */
async function readyForVoice() {
  if (page.browserVoice === 'no') {
    return true;
  }
  try {
    await phone.prepareMicrophone();
    return true;
  } catch (error) {
    view.showProblem(page.language, error?.code ?? 'MICROPHONE_UNAVAILABLE');
    return false;
  }
}

async function placeCall(voice) {
  page.voice = voice;
  renderCall();
  if (!voice.sip?.wsUrl) {
    // This server does not (yet) give browsers a SIP WebSocket: the request stays open and its
    // state is shown; the microphone opened for it is closed again.
    page.browserVoice = 'no';
    await phone.release();
    return;
  }
  page.browserVoice = 'yes';
  try {
    await loadJsSip();
    await phone.call(voice);
  } catch (error) {
    view.showProblem(page.language, error?.code ?? 'SIP_CALL_FAILED');
    page.client?.hangup().catch(() => {});
  }
}

async function hangUp() {
  if (!page.client) {
    return;
  }
  if (phone.state === 'calling') {
    phone.hangup(); // Asterisk has not taken the call yet: CANCEL it
  }
  try {
    await page.client.hangup();
  } catch (error) {
    if (error?.code !== 'NO_CALL' && error?.code !== 'CONNECTION_LOST') {
      view.showProblem(page.language, error?.code);
    }
  }
}

function renderCall() {
  view.showCall(page.language, page.call, page.voice);
  renderPhone();
  const live = view.callIsLive(page.call);
  $('language').disabled = live;
  view.showLanguageNote(page.language, live ? 'languageDuringCall' : null);
}

function renderPhone() {
  view.showPhone(page.language, phone.state, phone.muted, view.callIsLive(page.call));
}

// --- language -------------------------------------------------------------------------------------

async function switchLanguage(language) {
  if (!LANGUAGES.includes(language) || language === page.language) {
    return;
  }
  page.language = language;
  saveSession({ language });
  view.showPageStrings(language);
  view.showDocumentTitle(language, page.titles.get(''));
  view.showReference(language, page.sessionId);
  renderCall();
  if (!page.client || !page.restartable) {
    if (page.client) {
      view.showLanguageNote(language, 'languageKept');
      renderLevel();
    }
    return;
  }
  // The session's language is set when it opens: a demo session is ended and a new one opened in
  // the language chosen (its record is stored as any ended session's).
  const old = page.client;
  page.client = null;
  try {
    await old.end();
  } catch {
    // gone already: a new one anyway
  }
  old.close();
  forgetSession();
  await openSession();
}

// --- keyboard -------------------------------------------------------------------------------------

function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
    return;
  }
  const target = event.target;
  if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement
      || target instanceof HTMLTextAreaElement || target.closest?.('summary')) {
    return;
  }
  const buttons = [...document.querySelectorAll('#items button:not(:disabled)')];
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (buttons.length === 0) {
      return;
    }
    const at = buttons.indexOf(document.activeElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = at < 0 ? (step > 0 ? 0 : buttons.length - 1) : (at + step + buttons.length) % buttons.length;
    buttons[next].focus();
    event.preventDefault();
  } else if (event.key === 'Backspace') {
    if (!$('back').disabled) {
      event.preventDefault();
      back();
    }
  } else if (event.key === 'Escape' && !$('answer').hidden) {
    closeAnswer();
  } else if (event.key.length === 1 && !$('level').hidden) {
    const button = buttons.find((b) => b.dataset.key === event.key);
    if (button) {
      event.preventDefault();
      button.focus();
      button.click();
    }
  }
}

function closeAnswer() {
  page.answerKey = null;
  view.hideAnswer();
  if (page.menu) {
    renderLevel();
  }
  $('level-heading').focus();
}

// --- start ----------------------------------------------------------------------------------------

function start() {
  const launch = launchParameters();
  const saved = savedSession();
  page.language = LANGUAGES.includes(launch.language) ? launch.language
    : saved.language ?? pageLanguage(navigator.language);
  page.menuId = launch.menu;
  page.token = launch.token;
  page.restartable = !launch.token && Boolean(saved.restartable ?? true);
  view.showPageStrings(page.language);
  view.showDocumentTitle(page.language, null);

  $('language').addEventListener('change', (event) => switchLanguage(event.target.value));
  $('back').addEventListener('click', () => back());
  $('top').addEventListener('click', () => toTop());
  $('close-answer').addEventListener('click', () => closeAnswer());
  $('hangup').addEventListener('click', () => hangUp());
  $('mute').addEventListener('click', () => phone.mute(!phone.muted));
  $('audio-play').addEventListener('click', () => {
    $('audio-play').hidden = true;
    $('agent-voice').play().catch(() => {});
  });
  $('end').addEventListener('click', () => endSession());
  $('start-again').addEventListener('click', () => openSession());
  document.addEventListener('keydown', onKey);

  openSession({ resumeToken: launch.token ? null : saved.resumeToken ?? null });
}

start();
