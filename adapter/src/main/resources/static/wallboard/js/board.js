// Draws the wallboard from the server's frames. Everything from the server is put in as text
// (textContent), never as markup.

import { clock, t } from './i18n.js';

const STATE_ORDER = ['TALKING', 'RINGING', 'WRAP_UP', 'PAUSED', 'IDLE'];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

/** A running time: its text is redrawn every second by tick(). */
function since(iso) {
  const time = el('time', 'since');
  time.dataset.since = iso;
  time.dateTime = iso;
  return time;
}

function heading(lang, key, count) {
  const h = el('h3', null, t(lang, key));
  if (count !== undefined) {
    h.append(' ', el('span', 'count', count));
  }
  return h;
}

function stat(lang, key, className, value) {
  const box = el('p', `stat ${className}`);
  box.append(el('span', 'label', t(lang, key)), value);
  return box;
}

function seconds(value, lang) {
  return value === null || value === undefined ? t(lang, 'none') : clock(value);
}

function percent(value, lang) {
  return value === null || value === undefined ? t(lang, 'none') : `${Math.round(value * 100)} %`;
}

function originLabel(lang, origin) {
  return t(lang, `origin${origin.charAt(0).toUpperCase()}${origin.slice(1)}`);
}

function callers(lang, queue) {
  const section = el('section', 'callers-box');
  section.append(heading(lang, 'callersHeading', queue.waitingCount));
  if (queue.waiting.length === 0) {
    section.append(el('p', 'empty', t(lang, 'noCallers')));
    return section;
  }
  const list = el('ol', 'callers');
  for (const caller of queue.waiting) {
    const item = el('li', `caller origin-${caller.origin}`);
    item.dataset.origin = caller.origin;
    item.append(el('span', 'pos', t(lang, 'position', { position: caller.position })),
      el('span', 'origin', originLabel(lang, caller.origin)), since(caller.since));
    list.append(item);
  }
  section.append(list);
  return section;
}

function fifo(lang, queue) {
  const section = el('section', 'fifo-box');
  section.append(heading(lang, 'fifoHeading', queue.fifo.length));
  if (queue.fifo.length === 0) {
    section.append(el('p', 'empty', t(lang, 'noFifo')));
    return section;
  }
  const list = el('ol', 'fifo');
  for (const agent of queue.fifo) {
    const item = el('li', `fifo-agent state-${agent.state}`);
    item.dataset.agent = agent.agent;
    item.dataset.state = agent.state;
    item.append(el('span', 'name', agent.agent), el('span', 'state', t(lang, `state${agent.state}`)),
      since(agent.since));
    list.append(item);
  }
  section.append(list);
  return section;
}

function agents(lang, queue) {
  const section = el('section', 'agents-box');
  section.append(heading(lang, 'agentsHeading', queue.agents.length));
  if (queue.agents.length === 0) {
    section.append(el('p', 'empty', t(lang, 'noAgents')));
    return section;
  }
  const list = el('ul', 'agents');
  const sorted = [...queue.agents].sort((a, b) =>
    STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.agent.localeCompare(b.agent));
  for (const agent of sorted) {
    const item = el('li', `agent state-${agent.state}`);
    item.dataset.agent = agent.agent;
    item.dataset.state = agent.state;
    const state = agent.state === 'PAUSED' && agent.pauseReason
      ? t(lang, 'pausedFor', { reason: agent.pauseReason })
      : t(lang, `state${agent.state}`);
    const name = el('a', 'name', agent.agent); // the agent's console, read-only for a supervisor
    name.href = `/agent/?agent=${encodeURIComponent(agent.agent)}`;
    item.append(name, el('span', 'state', state), since(agent.since));
    list.append(item);
  }
  section.append(list);
  return section;
}

function figures(lang, today) {
  const section = el('section', 'today-box');
  section.append(heading(lang, 'todayHeading'));
  const list = el('dl', 'figures');
  const rows = [
    ['offered', today.offered],
    ['answered', today.answered],
    ['abandoned', today.abandoned],
    ['averageWait', seconds(today.averageWaitSeconds, lang)],
    ['longestWaitToday', seconds(today.longestWaitSeconds, lang)],
    ['averageHandle', seconds(today.averageHandleSeconds, lang)],
    ['serviceLevel', percent(today.serviceLevel, lang)],
  ];
  for (const [key, value] of rows) {
    const row = el('div', 'figure');
    const dd = el('dd', null, value);
    dd.dataset.figure = key;
    row.append(el('dt', null, t(lang, key)), dd);
    list.append(row);
  }
  section.append(list);
  return section;
}

/** One queue's card. */
export function queueCard(lang, queue) {
  const card = el('article', 'queue');
  card.id = `queue-${queue.queue}`;
  card.dataset.queue = queue.queue;
  card.setAttribute('aria-label', t(lang, 'queue', { queue: queue.queue }));
  card.append(el('h2', null, queue.queue));
  const stats = el('div', 'stats');
  const longest = queue.waiting.length > 0 ? since(queue.waiting[0].since) : el('span', 'since', t(lang, 'none'));
  stats.append(stat(lang, 'waiting', 'stat-waiting', el('strong', null, queue.waitingCount)),
    stat(lang, 'longestWait', 'stat-longest', longest),
    stat(lang, 'idleAgents', 'stat-idle', el('strong', null, queue.fifo.length)));
  const columns = el('div', 'columns');
  columns.append(callers(lang, queue), fifo(lang, queue), agents(lang, queue));
  card.append(stats, columns, figures(lang, queue.today));
  return card;
}

/** Redraws every running time from its start, with the server's clock ({@code offsetMs} ahead of ours). */
export function tick(root, offsetMs) {
  const now = Date.now() + offsetMs;
  for (const node of root.querySelectorAll('[data-since]')) {
    node.textContent = clock((now - Date.parse(node.dataset.since)) / 1000);
  }
}
