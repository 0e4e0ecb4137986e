// The supervisor's wallboard (/wallboard/): the board the server pushes on /ws/v1/wallboard, drawn per
// queue, its running times counted on every second from the server's clock.

import { LANGUAGES, pickLanguage, t } from './i18n.js';
import { queueCard, tick } from './board.js';
import { LiveBoard } from './live.js';

const STORE_KEY = 'dataivr.wallboard.lang';
const byId = (id) => document.getElementById(id);

const state = {
  lang: pickLanguage(window.location.search, safeStored(), navigator.languages || [navigator.language]),
  board: null, // the last whole board, queues in the server's order
  offsetMs: 0, // the server's clock minus ours
};

function safeStored() {
  try {
    return window.localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

/** A frame from the server: a whole board ("wallboard"), or the queues that changed ("update"). */
function apply(frame) {
  if (!frame || (frame.type !== 'wallboard' && frame.type !== 'update') || !Array.isArray(frame.queues)) {
    return;
  }
  if (state.board && Date.parse(frame.at) < Date.parse(state.board.at)) {
    return; // older than what is shown
  }
  state.offsetMs = Date.parse(frame.at) - Date.now();
  if (frame.type === 'wallboard' || !state.board) {
    state.board = { ...frame, queues: [...frame.queues] };
  } else {
    const queues = state.board.queues.map((q) => frame.queues.find((c) => c.queue === q.queue) || q);
    for (const added of frame.queues) {
      if (!queues.some((q) => q.queue === added.queue)) {
        queues.push(added);
      }
    }
    state.board = { ...state.board, ...frame, type: 'wallboard', queues };
  }
  draw();
}

function draw() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  document.title = t(lang, 'title');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(lang, node.dataset.i18n);
  }
  byId('language').value = lang;
  const board = state.board;
  if (!board) {
    return;
  }
  byId('day').textContent = board.day;
  byId('zone').textContent = board.zone;
  const sessions = board.sessions;
  byId('containment').textContent = sessions.containment === null || sessions.containment === undefined
    ? t(lang, 'none') : `${Math.round(sessions.containment * 100)} %`;
  byId('sessions').textContent = t(lang, 'sessions', { contained: sessions.contained, total: sessions.total });
  byId('csv').href = `/api/v1/reports/calls.csv?date=${encodeURIComponent(board.day)}`;
  byId('updated').textContent = new Date(board.at).toLocaleTimeString(lang);
  byId('updated').dateTime = board.at;
  byId('level-note').textContent = t(lang, 'levelNote', { seconds: board.serviceLevelSeconds });
  const main = byId('queues');
  main.replaceChildren(...board.queues.map((queue) => queueCard(lang, queue)));
  main.setAttribute('aria-busy', 'false');
  tick(main, state.offsetMs);
}

function banner(text, link) {
  const box = byId('connection');
  box.replaceChildren();
  if (!text) {
    box.hidden = true;
    document.body.classList.remove('offline');
    return;
  }
  box.append(text);
  if (link) {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    box.append(' ', a);
  }
  box.hidden = false;
  document.body.classList.add('offline');
}

byId('language').addEventListener('change', (event) => {
  if (LANGUAGES.includes(event.target.value)) {
    state.lang = event.target.value;
    try {
      window.localStorage.setItem(STORE_KEY, state.lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
    draw();
  }
});

draw();
banner(t(state.lang, 'connecting'));
new LiveBoard({
  onFrame: apply,
  onOpen: () => banner(null),
  onDown: ({ attempt, delayMs }) =>
    banner(t(state.lang, 'disconnected', { seconds: Math.ceil(delayMs / 1000), attempt })),
  onRetrying: ({ attempt }) => banner(t(state.lang, 'reconnecting', { attempt })),
  onSignedOut: () => banner(t(state.lang, 'signedOut'), { href: '/login', text: t(state.lang, 'signIn') }),
  onForbidden: () => banner(t(state.lang, 'forbidden')),
}).start();
setInterval(() => tick(byId('queues'), state.offsetMs), 1000);
