// The console's one WebSocket (/ws/v1/agent?agent=NAME): agent-state and screen frames. It reconnects
// after any loss with a growing, jittered delay (1 s doubling to 15 s); the server sends the current state
// and screen on every connect, so a console that comes back shows where things are now.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15000;

/**
 * Opens the socket and keeps it open. `on.frame(frame)` for each frame, `on.up()` once connected,
 * `on.down(attempt, delayMs)` before each retry, `on.refused()` when the server closes with 1008.
 */
export function agentSocket(agent, on) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}/ws/v1/agent?agent=${encodeURIComponent(agent)}`;
  let attempt = 0;
  let socket = null;
  let timer = null;
  let stopped = false;

  function open() {
    timer = null;
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      on.up();
    };
    socket.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (frame && typeof frame.type === 'string') on.frame(frame);
    };
    socket.onclose = (event) => {
      socket = null;
      if (stopped) return;
      if (event.code === 1008) {
        on.refused();
        return;
      }
      attempt += 1;
      const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
      const delay = Math.round(base * (0.75 + Math.random() * 0.5));
      on.down(attempt, delay);
      timer = setTimeout(open, delay);
    };
  }

  open();
  return {
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (socket) socket.close();
    },
  };
}
