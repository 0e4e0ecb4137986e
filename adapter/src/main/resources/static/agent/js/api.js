// The agent REST API as the console uses it: JSON in and out, the session cookie, and on every
// state-changing request the CSRF token read from the XSRF-TOKEN cookie sent back as X-XSRF-TOKEN.

/** An answer that is not 2xx: `status` and the problem detail's stable `code`. */
export class ApiError extends Error {
  constructor(status, code) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

function csrfToken() {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : null;
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'CONNECTION_FAILED');
  }
  if (response.ok) {
    return response.status === 204 ? null : response.json();
  }
  let code = `HTTP_${response.status}`;
  try {
    const problem = await response.json();
    if (typeof problem.code === 'string') code = problem.code;
  } catch (e) {
    // not a problem detail
  }
  throw new ApiError(response.status, code);
}

/** The agent API of one agent (its name already validated by the page). */
export function agentApi(agent) {
  const base = `/api/v1/agents/${encodeURIComponent(agent)}`;
  return {
    me: () => call('GET', '/api/v1/me'),
    state: () => call('GET', base),
    choices: () => call('GET', `${base}/console`),
    callerHistory: () => call('GET', `${base}/caller-history`),
    login: (queues) => call('POST', `${base}/login`, { queues }),
    pause: (reason) => call('POST', `${base}/pause`, { reason }),
    resume: () => call('POST', `${base}/resume`),
    endWrapUp: () => call('POST', `${base}/end-wrap-up`),
    logout: () => call('POST', `${base}/logout`),
    dispose: (request, disposition, note) =>
      call('POST', `${base}/calls/${encodeURIComponent(request)}/disposition`, { disposition, note }),
  };
}

/** The agents logged in now ({agent, state, queues, …}), for a supervisor or the admin to choose from. */
export function loggedInAgents() {
  return call('GET', '/api/v1/agents');
}

/** Who is signed in ({name, roles, agent}); null where the adapter has no /api/v1/me. */
export async function whoAmI() {
  try {
    return await call('GET', '/api/v1/me');
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}
