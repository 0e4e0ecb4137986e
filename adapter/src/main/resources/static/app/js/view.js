// What the page shows. Every text from the server (titles, labels, answers, agent names) goes in
// with textContent: it is plain text, never markup (docs/protocol.md).
import { text, errorText } from './i18n.js';

const $ = (id) => document.getElementById(id);

const KIND_GLYPHS = { menu: '›', content: '', voice: '☎' };
const KIND_WORDS = { menu: 'kindMenu', content: 'kindContent', voice: 'kindVoice' };

/** Fills every element marked data-i18n with the page's words in `language`. */
export function showPageStrings(language) {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = text(language, element.dataset.i18n);
  }
  $('language').value = language;
}

/** The browser tab's title: the menu's title (when there is one), then the page's name. */
export function showDocumentTitle(language, menuTitle) {
  const page = text(language, 'pageTitle');
  document.title = menuTitle ? `${menuTitle} – ${page}` : page;
}

/**
 * One menu level: its title, where it is (titles of the levels above), its items as buttons.
 * `titles` maps a level's path ("2/1") to its title; `chosen` is the key of the answer shown.
 */
export function showLevel(language, menu, titles, chosen, onChoose) {
  const contentLanguage = menu.language;
  const heading = $('level-heading');
  heading.textContent = menu.title ?? '';
  heading.lang = contentLanguage;

  const crumbs = $('crumbs');
  crumbs.replaceChildren();
  const path = menu.path ?? [];
  for (let depth = 0; depth <= path.length; depth++) {
    const li = document.createElement('li');
    const title = titles.get(path.slice(0, depth).join('/'));
    li.textContent = depth === 0 ? text(language, 'top') : (title ?? path[depth - 1]);
    if (depth > 0) {
      li.lang = contentLanguage;
    }
    if (depth === path.length) {
      li.setAttribute('aria-current', 'location');
    }
    crumbs.append(li);
  }

  const list = $('items');
  list.replaceChildren();
  for (const item of menu.items ?? []) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `item ${item.kind}`;
    button.dataset.key = item.key;
    if (chosen !== null && chosen === item.key) {
      button.setAttribute('aria-current', 'true');
    }
    const key = document.createElement('span');
    key.className = 'key';
    key.textContent = item.key;
    const label = document.createElement('span');
    label.className = 'label';
    label.lang = contentLanguage;
    label.textContent = item.label;
    const kind = document.createElement('span');
    kind.className = 'visually-hidden';
    kind.textContent = `, ${text(language, KIND_WORDS[item.kind] ?? 'kindContent')}`;
    const glyph = document.createElement('span');
    glyph.className = 'kind';
    glyph.setAttribute('aria-hidden', 'true');
    glyph.textContent = KIND_GLYPHS[item.kind] ?? '';
    button.append(key, label, kind, glyph);
    button.addEventListener('click', () => onChoose(item));
    li.append(button);
    list.append(li);
  }
  const atTop = path.length === 0;
  $('back').disabled = atTop;
  $('top').disabled = atTop;
}

/** A content answer (step 5): the chosen item's label as its heading, the text as text. */
export function showAnswer(language, content, label) {
  $('answer-heading').textContent = label ?? text(language, 'answer');
  $('answer-heading').lang = content.language ?? '';
  const body = $('answer-text');
  body.textContent = content.text ?? '';
  body.lang = content.language ?? '';
  $('answer').hidden = false;
}

export function hideAnswer() {
  $('answer').hidden = true;
  $('answer-text').textContent = '';
}

/** How long the wait is, in words. */
function waitText(language, call) {
  if (call.reason === 'NO_AGENT_AVAILABLE') {
    return text(language, 'waitNoAgent');
  }
  const seconds = call.estimatedWaitSeconds;
  if (typeof seconds !== 'number') {
    return text(language, 'waitUnknown');
  }
  return seconds < 60 ? text(language, 'waitUnderMinute')
    : text(language, 'waitAbout', { minutes: Math.ceil(seconds / 60) });
}

/** Live states of a call: the customer can still leave it. */
export function callIsLive(call) {
  return Boolean(call) && call.state !== 'ended';
}

/**
 * The call card: state, place and wait (pushed `call` messages), what the browser's own phone
 * does, and the buttons that fit (leave the queue, hang up, mute).
 */
export function showCall(language, call, voice) {
  const card = $('call');
  if (!call) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const state = $('call-state');
  const wait = $('call-wait');
  wait.textContent = '';
  switch (call.state) {
    case 'requested':
      state.textContent = text(language, 'callRequested');
      break;
    case 'queued':
      state.textContent = typeof call.position === 'number'
        ? text(language, 'callQueued', { position: call.position }) : text(language, 'callQueuedUnknown');
      wait.textContent = waitText(language, call);
      break;
    case 'ringing':
      state.textContent = text(language, 'callRinging', { agent: call.agent ?? '' });
      break;
    case 'talking':
      state.textContent = text(language, 'callTalking', { agent: call.agent ?? '' });
      break;
    default:
      state.textContent = text(language, `ended${call.reason}`) !== `ended${call.reason}`
        ? text(language, `ended${call.reason}`) : text(language, 'callEnded');
  }
  card.dataset.state = call.state;
  const live = callIsLive(call);
  $('call-hint').textContent = live ? text(language, 'browseDuringCall') : '';
  const hangup = $('hangup');
  hangup.hidden = !live;
  hangup.textContent = text(language, call.state === 'talking' ? 'hangUp' : 'giveUp');

  const noBrowserVoice = Boolean(voice) && !voice.sip?.wsUrl;
  const note = $('voice-note');
  note.hidden = !(live && noBrowserVoice);
  note.textContent = text(language, 'voiceUnavailable');
  $('sip-fallback').hidden = !(live && noBrowserVoice && voice.dial);
  $('dial').textContent = voice?.dial ?? '';
}

/** What the browser's phone does (when it places the call itself). */
export function showPhone(language, phoneState, muted, live) {
  const inCall = live && ['ringing', 'in-call'].includes(phoneState);
  const mute = $('mute');
  mute.hidden = !inCall;
  mute.textContent = text(language, muted ? 'unmute' : 'mute');
  mute.setAttribute('aria-pressed', String(muted));
  if (live && phoneState === 'calling') {
    $('voice-note').hidden = false;
    $('voice-note').textContent = text(language, 'voiceConnecting');
  } else if (inCall) {
    $('voice-note').hidden = false;
    $('voice-note').textContent = text(language, 'voiceInCall');
  }
}

/** The connection banner: null hides it. */
export function showConnection(message, ok = false) {
  const banner = $('connection');
  banner.hidden = message === null;
  banner.textContent = message ?? '';
  banner.classList.toggle('ok', ok);
}

/** A problem in words (never a stack trace); null hides it. */
export function showProblem(language, code) {
  const box = $('problem');
  box.hidden = code === null;
  box.textContent = code === null ? '' : errorText(language, code);
}

/** The session has ended (or cannot go on): a summary and, when possible, a way to start again. */
export function showFinished(language, ended, canRestart) {
  $('level').hidden = true;
  $('answer').hidden = true;
  $('call').hidden = true;
  $('end').hidden = true;
  const finished = $('finished');
  finished.hidden = false;
  const lines = [];
  if (ended) {
    lines.push(ended.reason === 'expired' ? text(language, 'endedExpired')
      : text(language, 'endedSummary', {
        items: ended.itemsChosen ?? 0, contents: ended.contentsSent ?? 0, calls: ended.voiceCalls ?? 0,
      }));
  }
  if (!canRestart) {
    lines.push(text(language, 'reopenFromSite'));
  }
  $('finished-text').textContent = lines.join(' ');
  $('start-again').hidden = !canRestart;
  finished.focus();
}

/** Back to a live session's layout. */
export function showSessionLayout() {
  $('finished').hidden = true;
  $('level').hidden = false;
  $('end').hidden = false;
}

export function showReference(language, sessionId) {
  $('reference').textContent = sessionId ? text(language, 'reference', { session: sessionId }) : '';
}

export function showLanguageNote(language, key) {
  const note = $('language-note');
  note.hidden = key === null;
  note.textContent = key === null ? '' : text(language, key);
}

/** Item buttons and navigation usable (connected) or not (reconnecting, ending). */
export function setInteractive(enabled, atTop) {
  for (const button of document.querySelectorAll('#items button')) {
    button.disabled = !enabled;
  }
  $('back').disabled = !enabled || atTop;
  $('top').disabled = !enabled || atTop;
  $('end').disabled = !enabled;
  $('main').setAttribute('aria-busy', String(!enabled));
}
