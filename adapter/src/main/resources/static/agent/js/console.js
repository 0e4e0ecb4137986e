// The agent console: who is signed in, which agent's console this is (own, or ?agent=NAME for a
// supervisor or the admin), the one socket's frames (agent state, screen pop) and the buttons.

import { LANGUAGES, uiLanguage, text, errorText } from './i18n.js';
import { agentApi, whoAmI, loggedInAgents, ApiError } from './api.js';
import { agentSocket } from './socket.js';
import * as view from './view.js';

const $ = (id) => document.getElementById(id);
const AGENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const LANGUAGE_KEY = 'dataivr.console.language';

const model = {
  agent: null, // the last agent frame
  clockOffsetMs: 0, // server clock minus this browser's
  choices: null,
  mode: 'own', // own | admin | supervisor
  call: null, // {request, caller, answered, over, disposed, justSaved}
  history: null,
};
let lang = uiLanguage(localStorage.getItem(LANGUAGE_KEY) ?? navigator.language);
let api = null;
let socketUp = false; // while up, the socket's agent frames are the truth (they keep the transitions' order)

function render() {
  view.renderState(model, lang);
  view.renderChoices(model, lang);
  view.renderCaller(model, lang);
  view.renderHistory(model, lang);
  view.renderDisposition(model, lang);
}

function fail(error) {
  if (error instanceof ApiError && (error.status === 401 || error.code === 'AGENT_AUTH_REQUIRED')) {
    view.signedOut(text(lang, 'signedOut'), text(lang, 'signIn'));
  } else if (error instanceof ApiError && error.status === 403 && error.code !== 'CALL_NOT_TAKEN') {
    view.problem(text(lang, 'forbidden'));
  } else {
    view.problem(errorText(lang, error?.code ?? 'Other'));
  }
}

/** Runs a button's request; the socket's next agent frame shows the new state. */
async function act(button, request) {
  button.disabled = true;
  view.problem(null);
  try {
    const agent = await request();
    if (!socketUp && agent && agent.state && agent.since) {
      onAgent({ ...agent, now: null });
    }
  } catch (e) {
    fail(e);
  } finally {
    button.disabled = false;
  }
}

function onAgent(frame) {
  if (frame.now) model.clockOffsetMs = Date.parse(frame.now) - Date.now();
  model.agent = frame;
  view.renderState(model, lang);
}

function onScreen(frame) {
  const caller = frame.caller;
  if (caller) {
    const same = model.call && model.call.request === caller.request;
    const wasAnswered = same && model.call.answered;
    model.call = {
      request: caller.request, caller, over: false, answered: wasAnswered || caller.call === 'talking',
      disposed: same && model.call.disposed, justSaved: false,
    };
    if (!same) {
      $('disposition-note').value = '';
      loadHistory();
    }
  } else if (model.call && !model.call.over) {
    model.call = { ...model.call, over: true };
  }
  view.renderCaller(model, lang);
  view.renderDisposition(model, lang);
}

async function loadHistory() {
  try {
    const history = await api.callerHistory();
    model.history = history.client ? history : null;
  } catch (e) {
    model.history = null;
  }
  view.renderHistory(model, lang);
}

async function loadChoices() {
  try {
    model.choices = await api.choices();
    render();
  } catch (e) {
    fail(e);
  }
}

function connect(agent) {
  let checked = false;
  agentSocket(agent, {
    up() {
      socketUp = true;
      view.banner(model.agent ? text(lang, 'reconnected') : null, true);
      setTimeout(() => { if ($('connection').classList.contains('ok')) view.banner(null); }, 3000);
      $('main').setAttribute('aria-busy', 'false');
      if (!model.choices) loadChoices();
    },
    frame(frame) {
      if (frame.type === 'agent') onAgent(frame);
      else if (frame.type === 'screen') onScreen(frame);
    },
    down(attempt, delayMs) {
      socketUp = false;
      view.banner(text(lang, 'reconnecting', { seconds: Math.ceil(delayMs / 1000), attempt }));
      if (attempt >= 2 && !checked) { // a refused handshake looks like a lost connection: ask the API why
        checked = true;
        api.state().then(() => { checked = false; }, (e) => { if (e.status) fail(e); checked = false; });
      }
    },
    refused() {
      view.banner(null);
      view.problem(text(lang, 'chooseAgent'));
    },
  });
}

function wireButtons() {
  $('language').addEventListener('change', () => {
    lang = $('language').value;
    localStorage.setItem(LANGUAGE_KEY, lang);
    view.translatePage(lang);
    showMode();
    render();
  });
  $('login').addEventListener('click', () => {
    $('login-form').hidden = !$('login-form').hidden;
  });
  $('login-go').addEventListener('click', () => {
    const queues = [...$('login-queues').querySelectorAll('input:checked')].map((i) => i.value);
    if (queues.length === 0) {
      view.problem(text(lang, 'noQueueChosen'));
      return;
    }
    act($('login-go'), () => api.login(queues)).then(() => { $('login-form').hidden = true; });
  });
  $('pause').addEventListener('click', () => act($('pause'), () => api.pause($('pause-reason').value)));
  $('resume').addEventListener('click', () => act($('resume'), () => api.resume()));
  $('end-wrap-up').addEventListener('click', () => act($('end-wrap-up'), () => api.endWrapUp()));
  $('logout').addEventListener('click', () => act($('logout'), () => api.logout()));
  $('disposition-note').addEventListener('input', () => view.renderDisposition(model, lang));
  $('disposition-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const call = model.call;
    if (!call) return;
    view.problem(null);
    try {
      await api.dispose(call.request, $('disposition').value, $('disposition-note').value);
      model.call = { ...call, disposed: true, justSaved: true };
    } catch (e) {
      fail(e);
    }
    view.renderDisposition(model, lang);
  });
}

function showMode() {
  if (model.name) $('agent-name').textContent = text(lang, 'agentLabel', { agent: model.name });
  const node = $('mode');
  node.hidden = model.mode === 'own';
  if (model.mode === 'supervisor') node.textContent = text(lang, 'readOnly', { agent: model.name });
  if (model.mode === 'admin') node.textContent = text(lang, 'viewingAs', { agent: model.name });
}

/** No agent asked for by a supervisor or the admin: the agents logged in now, and a name to type. */
async function showPicker() {
  $('main').setAttribute('aria-busy', 'false');
  let agents = [];
  try {
    agents = await loggedInAgents();
  } catch (e) {
    fail(e);
  }
  const draw = () => view.renderPicker(agents, lang);
  draw();
  $('language').addEventListener('change', draw);
  $('picker-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('picker-name').value.trim();
    if (!AGENT_NAME.test(name)) {
      view.problem(text(lang, 'pickerInvalid'));
      return;
    }
    location.search = `?agent=${encodeURIComponent(name)}`;
  });
}

async function start() {
  if (!LANGUAGES.includes(lang)) lang = 'en';
  view.translatePage(lang);
  wireButtons();
  setInterval(() => view.renderTime(model, lang), 1000);
  let me = null;
  try {
    me = await whoAmI();
  } catch (e) {
    fail(e);
    return;
  }
  const asked = new URLSearchParams(location.search).get('agent');
  const agent = asked ?? me?.agent ?? null;
  const roles = (me?.roles ?? []).map((r) => String(r).toLowerCase().replace(/^role_/, ''));
  if (!agent && (roles.includes('admin') || roles.includes('supervisor'))) {
    showPicker();
    return;
  }
  if (!agent || !AGENT_NAME.test(agent)) {
    view.problem(text(lang, 'chooseAgent'));
    return;
  }
  if (me && agent !== me.agent) {
    model.mode = roles.includes('admin') ? 'admin' : roles.includes('supervisor') ? 'supervisor' : 'own';
  }
  model.name = agent;
  api = agentApi(agent);
  showMode();
  view.banner(text(lang, 'connecting'));
  render();
  loadChoices();
  connect(agent);
}

start();
