// The console's own words in zh-CN and English. Texts from menus and customers come from the server and
// are only ever set as text (textContent). A string may hold {name} placeholders, filled with plain text.

export const LANGUAGES = Object.freeze(['zh-CN', 'en']);

const STRINGS = {
  en: {
    pageTitle: 'Agent console',
    language: 'Language',
    agentLabel: '· {agent}',
    readOnly: 'You are viewing {agent}’s console as a supervisor: you may pause or log out this agent.',
    viewingAs: 'Viewing {agent}’s console as the admin.',
    chooseAgent: 'Open this page as an agent, or add ?agent=NAME to the address.',
    pickerHeading: 'Whose console?',
    pickerEmpty: 'No agent is logged in now.',
    pickerName: 'Another agent, by name',
    pickerOpen: 'Open',
    pickerInvalid: 'An agent’s name has 1 to 64 letters, digits, - or _.',
    pickerAgent: '{state} · {queues}',
    connecting: 'Connecting…',
    reconnecting: 'Disconnected from the server. Reconnecting in {seconds} s (attempt {attempt})…',
    reconnected: 'Connected again.',
    signedOut: 'Your session has ended. Sign in again.',
    signIn: 'Sign in',
    forbidden: 'You may not open this console.',
    stateHeading: 'My state',
    stateLOGGED_OUT: 'Logged out',
    stateIDLE: 'Idle',
    stateRINGING: 'Ringing',
    stateTALKING: 'Talking',
    stateWRAP_UP: 'Wrap-up',
    statePAUSED: 'Paused',
    inState: 'for {time}',
    pausedFor: 'Reason: {reason}',
    pauseAfterCall: 'Pause after this call: {reason}',
    queues: 'Queues: {queues}',
    login: 'Log in',
    loginQueues: 'Queues to log in to',
    loginGo: 'Log in to the chosen queues',
    noQueueChosen: 'Choose at least one queue.',
    pause: 'Pause',
    pauseReason: 'Reason',
    resume: 'Resume',
    endWrapUp: 'End wrap-up',
    logout: 'Log out',
    callerHeading: 'Caller',
    noCaller: 'No call right now.',
    callRinging: 'Ringing',
    callTalking: 'Talking',
    callOver: 'Call ended',
    client: 'Client',
    callerLanguage: 'Language',
    unknownClient: '(no reference)',
    viewingNow: 'Viewing now',
    viewingTop: 'the main menu',
    viewingContent: 'answer',
    viewingMenu: 'menu',
    path: 'Path',
    duringCall: 'during the call',
    historyHeading: 'Earlier sessions',
    noHistory: 'No earlier sessions.',
    historySession: '{when} · {menu}',
    historyCall: 'Call with {agent}',
    historyNoItems: 'Chose nothing.',
    dispositionHeading: 'After the call',
    disposition: 'Outcome',
    note: 'Note',
    noteCount: '{count} / 2000',
    save: 'Save',
    saved: 'Saved.',
    errPAUSE_REASON_UNKNOWN: 'That pause reason is not configured.',
    errAGENT_STATE_CONFLICT: 'Not possible in the current state.',
    errAGENT_NOT_FOUND: 'The agent is not logged in.',
    errDISPOSITION_INVALID: 'Check the outcome and the note.',
    errCALL_NOT_FOUND: 'That call is not known.',
    errCALL_NOT_TAKEN: 'Only the agent who took the call may record its outcome.',
    errASTERISK_UNAVAILABLE: 'The phone system is not reachable. Try again.',
    errSTORE_UNAVAILABLE: 'The service is busy. Try again.',
    errAGENT_FORBIDDEN: 'You may not do that.',
    errAGENT_AUTH_REQUIRED: 'Your session has ended. Sign in again.',
    errCSRF_TOKEN_MISSING: 'This page is out of date. Reload it and try again.',
    errCSRF_TOKEN_INVALID: 'This page is out of date. Reload it and try again.',
    errCONNECTION_FAILED: 'The server cannot be reached. Try again.',
    errOther: 'Something went wrong ({code}). Try again.',
  },
  'zh-CN': {
    pageTitle: '座席工作台',
    language: '语言',
    agentLabel: '· {agent}',
    readOnly: '您正以班长身份查看 {agent} 的工作台：可以让该座席暂停或签出。',
    viewingAs: '您正以管理员身份查看 {agent} 的工作台。',
    chooseAgent: '请以座席身份打开本页，或在地址后加上 ?agent=座席名。',
    pickerHeading: '查看哪位座席的工作台？',
    pickerEmpty: '现在没有已签入的座席。',
    pickerName: '其他座席（按名称）',
    pickerOpen: '打开',
    pickerInvalid: '座席名为 1 到 64 个字母、数字、- 或 _。',
    pickerAgent: '{state} · {queues}',
    connecting: '正在连接…',
    reconnecting: '与服务器的连接已断开，{seconds} 秒后重连（第 {attempt} 次）…',
    reconnected: '已重新连接。',
    signedOut: '登录已失效，请重新登录。',
    signIn: '登录',
    forbidden: '您无权打开此工作台。',
    stateHeading: '我的状态',
    stateLOGGED_OUT: '未签入',
    stateIDLE: '空闲',
    stateRINGING: '振铃',
    stateTALKING: '通话中',
    stateWRAP_UP: '话后整理',
    statePAUSED: '暂停',
    inState: '已 {time}',
    pausedFor: '原因：{reason}',
    pauseAfterCall: '本次通话后暂停：{reason}',
    queues: '队列：{queues}',
    login: '签入',
    loginQueues: '要签入的队列',
    loginGo: '签入所选队列',
    noQueueChosen: '请至少选择一个队列。',
    pause: '暂停',
    pauseReason: '原因',
    resume: '恢复',
    endWrapUp: '结束整理',
    logout: '签出',
    callerHeading: '来电客户',
    noCaller: '当前没有通话。',
    callRinging: '振铃中',
    callTalking: '通话中',
    callOver: '通话已结束',
    client: '客户',
    callerLanguage: '语言',
    unknownClient: '（无客户编号）',
    viewingNow: '正在查看',
    viewingTop: '主菜单',
    viewingContent: '答案',
    viewingMenu: '菜单',
    path: '浏览路径',
    duringCall: '通话中浏览',
    historyHeading: '以往会话',
    noHistory: '没有以往会话。',
    historySession: '{when} · {menu}',
    historyCall: '与 {agent} 通话',
    historyNoItems: '未选择任何项目。',
    dispositionHeading: '话后记录',
    disposition: '处理结果',
    note: '备注',
    noteCount: '{count} / 2000',
    save: '保存',
    saved: '已保存。',
    errPAUSE_REASON_UNKNOWN: '该暂停原因未配置。',
    errAGENT_STATE_CONFLICT: '当前状态下不能这样操作。',
    errAGENT_NOT_FOUND: '该座席未签入。',
    errDISPOSITION_INVALID: '请检查处理结果和备注。',
    errCALL_NOT_FOUND: '找不到该通话。',
    errCALL_NOT_TAKEN: '只有接听该通话的座席可以记录处理结果。',
    errASTERISK_UNAVAILABLE: '电话系统暂时无法连接，请重试。',
    errSTORE_UNAVAILABLE: '服务繁忙，请重试。',
    errAGENT_FORBIDDEN: '您无权进行此操作。',
    errAGENT_AUTH_REQUIRED: '登录已失效，请重新登录。',
    errCSRF_TOKEN_MISSING: '页面已过期，请刷新后重试。',
    errCSRF_TOKEN_INVALID: '页面已过期，请刷新后重试。',
    errCONNECTION_FAILED: '无法连接服务器，请重试。',
    errOther: '出现问题（{code}），请重试。',
  },
};

/** The UI language for a BCP 47 tag: Chinese of any script or region → zh-CN, else English. */
export function uiLanguage(tag) {
  return typeof tag === 'string' && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

/** The text of `key` in `language`, with `{name}` filled from `values` (as plain text). */
export function text(language, key, values = {}) {
  const table = STRINGS[language] ?? STRINGS.en;
  const template = table[key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The words for an error code: never the server's raw message. */
export function errorText(language, code) {
  const key = `err${code}`;
  return key in STRINGS.en ? text(language, key) : text(language, 'errOther', { code: code ?? '?' });
}

/** A configured choice's label ({code, labels}) in `language`, else English, else its code. */
export function labelOf(choice, language) {
  const labels = choice?.labels ?? {};
  return labels[language] ?? labels.en ?? Object.values(labels)[0] ?? choice?.code ?? '';
}

/** Every string key of `language` (for a completeness test). */
export function keysOf(language) {
  return Object.keys(STRINGS[language] ?? {});
}
