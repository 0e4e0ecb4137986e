// How the page is opened and what it keeps between loads.
//
// The company's site opens /app/#token=TOKEN (the customer token its backend minted, docs/protocol.md
// "Customer tokens"), optionally with &lang=zh-CN|en and &menu=ID. The fragment never reaches a server
// (no access log, no Referer); `?token=…` works too. The page takes them out of the address bar at once:
// a token opens one session only. Without a token the page asks the adapter for a demo token, which
// only an adapter in demo mode gives (DEMO_DISABLED otherwise).
//
// sessionStorage (this tab only) keeps the session's resume token, so a reload carries on the session
// (protocol "Resume") instead of opening another.

const STORAGE_KEY = 'dataivr.page';

export function launchParameters() {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromQuery = new URLSearchParams(location.search);
  const read = (name) => {
    const value = fromHash.get(name) ?? fromQuery.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const parameters = { token: read('token') ?? null, language: read('lang'), menu: read('menu') };
  if (location.hash || location.search) {
    history.replaceState(null, '', location.pathname);
  }
  return parameters;
}

/** A demo customer token (adapter in demo mode only); rejects with an error whose code says why not. */
export async function demoToken() {
  const id = crypto.getRandomValues(new Uint32Array(2)).reduce((s, n) => s + n.toString(36), '');
  let response;
  try {
    response = await fetch('/api/v1/sessions/demo-tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ client: `web-demo-${id}` }),
      credentials: 'omit',
    });
  } catch (cause) {
    throw Object.assign(new Error('the adapter cannot be reached', { cause }), { code: 'CONNECTION_FAILED' });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status decides
  }
  if (!response.ok || typeof body?.token !== 'string') {
    const code = typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`;
    throw Object.assign(new Error(`no demo token: ${code}`), { code });
  }
  return body.token;
}

export function savedSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

export function saveSession(fields) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...savedSession(), ...fields }));
  } catch {
    // storage refused (private mode): a reload then opens a new session
  }
}

/** Forgets the session (keeps the language chosen). */
export function forgetSession() {
  const { language } = savedSession();
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(language ? { language } : {}));
  } catch {
    // nothing kept
  }
}
