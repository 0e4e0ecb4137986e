// Rendering of the console. Every text from a customer's session or a menu is set with textContent
// (never as markup): a label such as <img src=x onerror=…> shows as those characters.

import { text, labelOf } from './i18n.js';

const $ = (id) => document.getElementById(id);

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

/** The page's own words (data-i18n) and the document language. */
export function translatePage(lang) {
  document.documentElement.lang = lang;
  document.title = text(lang, 'pageTitle');
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = text(lang, node.dataset.i18n);
  });
  $('language').value = lang;
}

/** h:mm:ss or m:ss. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function clock(iso, lang) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString(lang, { hour12: false });
}

/** Labels in the agent's language where the menu has it, else those of the customer's language. */
function labels(entry, lang) {
  const inLang = entry?.labelsIn?.[lang];
  return Array.isArray(inLang) ? inLang : (entry?.labels ?? []);
}

export function renderState(model, lang) {
  const agent = model.agent;
  const state = agent?.state ?? '';
  const name = $('state');
  name.dataset.state = state;
  name.textContent = state ? text(lang, `state${state}`) : '…';
  renderTime(model, lang);
  const reasonLabel = (code) => labelOf(model.choices?.pauseReasons?.find((r) => r.code === code), lang) || code;
  const reason = $('state-reason');
  if (agent?.pauseReason) {
    reason.textContent = text(lang, agent.pauseRequested ? 'pauseAfterCall' : 'pausedFor',
      { reason: reasonLabel(agent.pauseReason) });
    reason.hidden = false;
  } else {
    reason.hidden = true;
  }
  const queues = $('state-queues');
  queues.hidden = !agent?.queues?.length;
  queues.textContent = agent?.queues?.length ? text(lang, 'queues', { queues: agent.queues.join(', ') }) : '';
  renderButtons(model);
}

export function renderTime(model, lang) {
  const agent = model.agent;
  const node = $('state-time');
  if (!agent?.since || agent.state === 'LOGGED_OUT') {
    node.textContent = '';
    return;
  }
  const now = Date.now() + model.clockOffsetMs;
  node.textContent = text(lang, 'inState', { time: duration(now - Date.parse(agent.since)) });
}

/** Only the actions valid in the agent's state; a supervisor only pauses and logs out. */
function renderButtons(model) {
  const state = model.agent?.state;
  const requested = Boolean(model.agent?.pauseRequested);
  const full = model.mode !== 'supervisor';
  const inCall = state === 'RINGING' || state === 'TALKING';
  const show = {
    login: full && state === 'LOGGED_OUT',
    pause: state === 'IDLE' || state === 'WRAP_UP' || (inCall && !requested),
    resume: full && (state === 'PAUSED' || (inCall && requested)),
    'end-wrap-up': full && state === 'WRAP_UP',
    logout: Boolean(state) && state !== 'LOGGED_OUT',
  };
  $('login').hidden = !show.login;
  if (!show.login) $('login-form').hidden = true;
  $('pause-form').hidden = !show.pause;
  $('resume').hidden = !show.resume;
  $('end-wrap-up').hidden = !show['end-wrap-up'];
  $('logout').hidden = !show.logout;
}

export function renderChoices(model, lang) {
  const reasons = $('pause-reason');
  const chosenReason = reasons.value;
  reasons.replaceChildren(...(model.choices?.pauseReasons ?? []).map((r) => {
    const option = el('option', null, labelOf(r, lang));
    option.value = r.code;
    return option;
  }));
  if (chosenReason) reasons.value = chosenReason;
  const dispositions = $('disposition');
  const chosen = dispositions.value;
  dispositions.replaceChildren(...(model.choices?.dispositions ?? []).map((d) => {
    const option = el('option', null, labelOf(d, lang));
    option.value = d.code;
    return option;
  }));
  if (chosen) dispositions.value = chosen;
  const box = $('login-queues');
  const ticked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  box.replaceChildren(...(model.choices?.loginQueues ?? []).map((queue, i) => {
    const label = el('label');
    const input = el('input');
    input.type = 'checkbox';
    input.value = queue;
    input.id = `queue-${i}`;
    input.checked = ticked.has(queue) || (ticked.size === 0 && i === 0);
    label.append(input, el('span', null, queue));
    return label;
  }));
}

/** The caller on screen now, or the last one while their call is over (greyed as ended). */
export function renderCaller(model, lang) {
  const call = model.call;
  $('no-caller').hidden = Boolean(call);
  $('caller').hidden = !call;
  if (!call) return;
  const caller = call.caller;
  const badge = $('caller-call');
  const phase = call.over ? 'over' : caller.call;
  badge.dataset.call = phase;
  badge.textContent = text(lang, phase === 'ringing' ? 'callRinging' : phase === 'talking' ? 'callTalking' : 'callOver');
  $('caller-client').textContent = caller.client || text(lang, 'unknownClient');
  $('caller-language').textContent = caller.language ?? '';
  const viewing = caller.viewing;
  const where = labels(viewing, lang);
  $('caller-viewing').textContent = where.length === 0 ? text(lang, 'viewingTop')
    : `${where.join(' › ')} (${text(lang, viewing.kind === 'content' ? 'viewingContent' : 'viewingMenu')})`;
  $('caller-path').replaceChildren(...(caller.path ?? []).map((step) => {
    const li = el('li', step.duringCall ? 'during-call' : null);
    li.dataset.item = step.item;
    li.append(el('span', 'at', clock(step.at, lang)), el('span', 'labels', labels(step, lang).join(' › ')));
    if (step.duringCall) li.append(el('span', 'mark', text(lang, 'duringCall')));
    return li;
  }));
}

export function renderHistory(model, lang) {
  const history = model.history;
  $('history-card').hidden = !history;
  if (!history) return;
  $('no-history').hidden = history.sessions.length > 0;
  const dispositionLabel = (code) => labelOf(model.choices?.dispositions?.find((d) => d.code === code), lang) || code;
  $('history').replaceChildren(...history.sessions.map((s) => {
    const li = el('li');
    const when = new Date(s.startedAt).toLocaleString(lang, { hour12: false });
    li.append(el('strong', null, text(lang, 'historySession', { when, menu: s.menu })));
    const items = el('ul');
    for (const item of s.items) {
      const byLang = item.labels ?? {};
      const shown = byLang[lang] ?? Object.values(byLang)[0] ?? [];
      const row = el('li', item.duringCall ? 'during-call' : null, shown.join(' › '));
      if (item.duringCall) row.append(el('span', 'mark', text(lang, 'duringCall')));
      items.append(row);
    }
    for (const call of s.calls) {
      if (!call.agent) continue;
      const row = el('li', null, text(lang, 'historyCall', { agent: call.agent }));
      if (call.disposition) row.append(el('span', 'mark', dispositionLabel(call.disposition)));
      if (call.dispositionNote) row.append(el('span', 'note', ` ${call.dispositionNote}`));
      items.append(row);
    }
    if (!items.childElementCount) items.append(el('li', 'note', text(lang, 'historyNoItems')));
    li.append(items);
    return li;
  }));
}

export function renderDisposition(model, lang) {
  const call = model.call;
  const show = model.mode !== 'supervisor' && Boolean(call?.over && call.answered && !call.disposed);
  $('disposition-card').hidden = !show && !call?.justSaved;
  $('disposition-form').querySelectorAll('select, textarea, button').forEach((n) => { n.disabled = !show; });
  $('note-count').textContent = text(lang, 'noteCount', { count: $('disposition-note').value.length });
  $('disposition-status').textContent = call?.justSaved ? text(lang, 'saved') : '';
}

export function banner(message, ok = false) {
  const node = $('connection');
  node.hidden = !message;
  node.textContent = message ?? '';
  node.classList.toggle('ok', ok);
}

export function problem(message) {
  const node = $('problem');
  node.hidden = !message;
  node.replaceChildren();
  if (message) node.textContent = message;
}

/** A problem with a link to the sign-in page. */
export function signedOut(message, linkText) {
  const node = $('problem');
  node.hidden = false;
  const link = el('a', null, linkText);
  link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  node.replaceChildren(el('span', null, `${message} `), link);
}

/**
 * The agents a supervisor or the admin may open, each a link to its console (?agent=NAME) with its state
 * and queues; names are set as text.
 */
export function renderPicker(agents, lang) {
  $('picker').hidden = false;
  $('main').hidden = true;
  $('picker-empty').hidden = agents.length > 0;
  $('picker-agents').replaceChildren(...agents.map((agent) => {
    const link = el('a', 'picker-agent', agent.agent);
    link.href = `?agent=${encodeURIComponent(agent.agent)}`;
    const facts = el('span', 'note', ` ${text(lang, 'pickerAgent', {
      state: text(lang, `state${agent.state}`), queues: (agent.queues ?? []).join(', '),
    })}`);
    const item = el('li');
    item.dataset.state = agent.state;
    item.append(link, facts);
    return item;
  }));
}
