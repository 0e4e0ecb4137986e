// The wallboard's connection: /ws/v1/wallboard, reopened with a growing delay (1 s doubling to 30 s, with
// jitter) whenever it drops, e.g. while the adapter restarts. Before each new attempt the board is read
// once over HTTP (GET /api/v1/wallboard): that shows the current state as soon as the server is back and
// tells a sign-in that expired (401, or a redirect to the sign-in page) from a server that is down.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

export class LiveBoard {
  /**
   * @param {object} handlers onFrame(frame), onOpen(), onDown({attempt, delayMs}), onRetrying({attempt}),
   *   onSignedOut(), onForbidden()
   */
  constructor(handlers, location = window.location) {
    this.handlers = handlers;
    this.location = location;
    this.attempt = 0;
    this.socket = null;
    this.timer = null;
    this.quiet = false;
  }

  start() {
    this.open();
  }

  url() {
    const scheme = this.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${this.location.host}/ws/v1/wallboard`;
  }

  open() {
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.quiet = false;
      this.handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      this.handlers.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.retryLater();
      }
    });
  }

  /** Tries again after the next delay; {@code quiet}: the page already says why (signed out). */
  retryLater(quiet = false) {
    this.quiet = quiet;
    this.attempt += 1;
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(this.attempt - 1, 5));
    const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
    if (!quiet) {
      this.handlers.onDown({ attempt: this.attempt, delayMs });
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.retry(), delayMs);
  }

  async retry() {
    if (!this.quiet) {
      this.handlers.onRetrying({ attempt: this.attempt });
    }
    let status = 0;
    try {
      const response = await fetch('/api/v1/wallboard', {
        headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'manual',
      });
      status = response.type === 'opaqueredirect' ? 401 : response.status;
      if (response.ok) {
        this.handlers.onFrame(await response.json());
      }
    } catch {
      status = 0; // the server is still down
    }
    if (status === 401) {
      this.handlers.onSignedOut();
    } else if (status === 403) {
      this.handlers.onForbidden();
    }
    if (status >= 200 && status < 300) {
      this.open();
    } else {
      this.retryLater(status === 401 || status === 403);
    }
  }
}
