// The wallboard's own words in zh-CN and en. Strings may hold {name} placeholders, filled with plain text.

import { wordsOf } from '../../common/js/words.js';

export const LANGUAGES = Object.freeze(['zh-CN', 'en']);

const STRINGS = {
  en: {
    title: 'Queue wallboard',
    language: 'Language',
    containment: 'Self-service containment',
    sessions: '{contained} of {total} sessions today',
    csv: 'Today’s calls (CSV)',
    updated: 'Updated',
    levelNote: 'Service level: answered within {seconds} s.',
    connecting: 'Connecting…',
    disconnected: 'Disconnected from the server. Reconnecting in {seconds} s (attempt {attempt})…',
    reconnecting: 'Disconnected from the server. Reconnecting… (attempt {attempt})',
    signedOut: 'Your sign-in has expired.',
    signIn: 'Sign in again',
    forbidden: 'This account may not see the wallboard.',
    queue: 'Queue {queue}',
    waiting: 'Waiting',
    longestWait: 'Longest wait',
    idleAgents: 'Idle agents',
    callersHeading: 'Callers waiting',
    noCallers: 'Nobody is waiting.',
    fifoHeading: 'Idle-agent FIFO (next call first)',
    noFifo: 'No agent is idle.',
    agentsHeading: 'Agents',
    noAgents: 'No agent is logged in.',
    todayHeading: 'Today',
    offered: 'Offered',
    answered: 'Answered',
    abandoned: 'Abandoned',
    averageWait: 'Average wait',
    longestWaitToday: 'Longest wait',
    averageHandle: 'Average handle time',
    serviceLevel: 'Service level',
    position: '#{position}',
    originApp: 'App',
    originBrowser: 'Browser',
    originPhone: 'Phone',
    stateIDLE: 'Idle',
    stateRINGING: 'Ringing',
    stateTALKING: 'Talking',
    stateWRAP_UP: 'Wrap-up',
    statePAUSED: 'Paused',
    pausedFor: 'Paused: {reason}',
    none: '–',
  },
  'zh-CN': {
    title: '队列监控大屏',
    language: '语言',
    containment: '自助服务解决率',
    sessions: '今日 {total} 个会话中 {contained} 个',
    csv: '今日通话（CSV）',
    updated: '更新于',
    levelNote: '服务水平：{seconds} 秒内接听。',
    connecting: '正在连接…',
    disconnected: '与服务器的连接已断开。{seconds} 秒后重新连接（第 {attempt} 次）…',
    reconnecting: '与服务器的连接已断开。正在重新连接…（第 {attempt} 次）',
    signedOut: '登录已过期。',
    signIn: '重新登录',
    forbidden: '此账号无权查看监控大屏。',
    queue: '队列 {queue}',
    waiting: '等待中',
    longestWait: '最长等待',
    idleAgents: '空闲坐席',
    callersHeading: '等待的来电',
    noCallers: '无人等待。',
    fifoHeading: '空闲坐席队列（下一通电话优先）',
    noFifo: '没有空闲坐席。',
    agentsHeading: '坐席',
    noAgents: '没有已登录的坐席。',
    todayHeading: '今日',
    offered: '呼入',
    answered: '已接听',
    abandoned: '放弃',
    averageWait: '平均等待',
    longestWaitToday: '最长等待',
    averageHandle: '平均处理时长',
    serviceLevel: '服务水平',
    position: '第 {position} 位',
    originApp: '应用',
    originBrowser: '浏览器',
    originPhone: '电话',
    stateIDLE: '空闲',
    stateRINGING: '振铃',
    stateTALKING: '通话中',
    stateWRAP_UP: '话后整理',
    statePAUSED: '暂停',
    pausedFor: '暂停：{reason}',
    none: '–',
  },
};

/** The page's language: ?lang=, then the one chosen before, then the browser's. */
export function pickLanguage(search, stored, browserLanguages) {
  const asked = new URLSearchParams(search).get('lang');
  for (const candidate of [asked, stored, ...(browserLanguages || [])]) {
    const match = normalise(candidate);
    if (match) {
      return match;
    }
  }
  return 'en';
}

function normalise(tag) {
  if (!tag) {
    return null;
  }
  const lower = String(tag).toLowerCase();
  if (lower.startsWith('zh')) {
    return 'zh-CN';
  }
  return lower.startsWith('en') ? 'en' : null;
}

/** The text of `key` in `lang`, its placeholders filled from `values`. */
export const { text: t } = wordsOf(STRINGS);

/** Seconds as m:ss, or h:mm:ss from an hour. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
