// A SIP-over-WebSocket registrar and call peer (RFC 7118), in-process on loopback with `ws`, as
// far as a browser phone needs one: REGISTER and INVITE challenged with digest authentication (as
// Asterisk does), 100/180 then a 200 OK the test sends, ACK, BYE. Enough to run the real JsSIP
// against it in Node; every request is written into `log`.
import { createHash, randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';

const COMPACT = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };
const md5 = (text) => createHash('md5').update(text).digest('hex');

export function parseSip(text) {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [start, ...lines] = head.split('\r\n');
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    return [COMPACT[name] ?? name, line.slice(colon + 1).trim()];
  });
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  const response = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(start);
  return {
    method: request?.[1] ?? null,
    uri: request?.[2] ?? null,
    status: response ? Number(response[1]) : null,
    body,
    get: (name) => headers.find(([n]) => n === name.toLowerCase())?.[1] ?? null,
    all: (name) => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v),
  };
}

function digestParams(header) {
  const params = {};
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=("([^"]*)"|[^,\s]*)/g)) {
    params[match[1].toLowerCase()] = match[3] ?? match[2];
  }
  return params;
}

export async function startFakeSip({ realm = 'asterisk', accounts = {} } = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
  await new Promise((resolve) => server.once('listening', resolve));
  const sip = {
    url: `ws://127.0.0.1:${server.address().port}/ws`,
    log: [],
    /** Every request received, parsed. */
    requests: [],
    /** REGISTER answers: 'ok' or a status code to refuse with after authentication. */
    registerAnswer: 'ok',
    /** The INVITE being served (after authentication), for answer(). */
    invite: null,
    conn: null,
    /** Sends the 200 OK of the current INVITE (an agent answered). */
    answer() {
      const { request, toTag } = sip.invite;
      send(request, 200, 'OK', { toTag, contact: true, sdp: true });
    },
    close() {
      for (const client of server.clients) {
        client.terminate();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const nonce = randomBytes(12).toString('hex');

  function reply(request, status, reason, { toTag, contact = false, sdp = false, headers = [] } = {}) {
    const body = sdp
      ? 'v=0\r\no=asterisk 1 1 IN IP4 127.0.0.1\r\ns=Asterisk\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 20000 UDP/TLS/RTP/SAVPF 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n'
      : '';
    let to = request.get('to');
    if (toTag && !/;tag=/i.test(to)) {
      to += `;tag=${toTag}`;
    }
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...request.all('via').map((via) => `Via: ${via}`),
      `From: ${request.get('from')}`,
      `To: ${to}`,
      `Call-ID: ${request.get('call-id')}`,
      `CSeq: ${request.get('cseq')}`,
      ...(contact ? ['Contact: <sip:asterisk@127.0.0.1;transport=ws>'] : []),
      ...(sdp ? ['Content-Type: application/sdp'] : []),
      ...headers,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    return lines.join('\r\n');
  }

  function send(request, status, reason, options) {
    sip.conn.send(reply(request, status, reason, options));
  }

  /** True when the request carries valid credentials; else answers 401 and returns false. */
  function authenticated(request) {
    const header = request.get('authorization');
    if (!header) {
      send(request, 401, 'Unauthorized', { headers: [`WWW-Authenticate: Digest realm="${realm}",nonce="${nonce}",algorithm=MD5,qop="auth"`], toTag: 'challenge' });
      return false;
    }
    const p = digestParams(header);
    const password = accounts[p.username];
    const ha1 = md5(`${p.username}:${realm}:${password}`);
    const ha2 = md5(`${request.method}:${p.uri}`);
    const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    if (password === undefined || p.realm !== realm || p.nonce !== nonce || p.response !== expected) {
      sip.log.push(`sip: ${request.method} bad credentials for ${p.username}`);
      send(request, 403, 'Forbidden', { toTag: 'refused' });
      return false;
    }
    return true;
  }

  server.on('connection', (conn) => {
    sip.conn = conn;
    sip.log.push('sip: ws open');
    conn.on('close', () => sip.log.push('sip: ws closed'));
    conn.on('message', (data) => {
      const message = parseSip(String(data));
      if (!message.method) {
        return; // a response (to a request of ours: none here)
      }
      sip.requests.push(message);
      const expires = message.get('expires') ?? /;expires=(\d+)/.exec(message.get('contact') ?? '')?.[1];
      switch (message.method) {
        case 'REGISTER': {
          if (!authenticated(message)) {
            sip.log.push(`sip: REGISTER expires=${expires} challenged`);
            return;
          }
          sip.log.push(`sip: REGISTER expires=${expires} ${sip.registerAnswer === 'ok' ? 'accepted' : `refused ${sip.registerAnswer}`}`);
          if (sip.registerAnswer !== 'ok') {
            send(message, sip.registerAnswer, 'Forbidden', { toTag: 'refused' });
            return;
          }
          const echo = [`Contact: ${message.get('contact')}`];
          send(message, 200, 'OK', { toTag: 'registrar', headers: echo });
          return;
        }
        case 'INVITE': {
          if (!authenticated(message)) {
            sip.log.push(`sip: INVITE ${message.uri} challenged`);
            return;
          }
          sip.log.push(`sip: INVITE ${message.uri} with ${message.body.includes('m=audio') ? 'audio' : 'no audio'}`);
          sip.invite = { request: message, toTag: randomBytes(4).toString('hex') };
          send(message, 100, 'Trying');
          send(message, 180, 'Ringing', { toTag: sip.invite.toTag, contact: true });
          return;
        }
        case 'ACK': {
          // the ACK of a 2xx is a request of its own; the ACK of a refused INVITE (the challenge) is not
          const answered = sip.invite && message.get('cseq') === sip.invite.request.get('cseq').replace('INVITE', 'ACK');
          sip.log.push(answered ? 'sip: ACK' : 'sip: ACK of a challenge');
          return;
        }
        case 'CANCEL':
          sip.log.push('sip: CANCEL');
          send(message, 200, 'OK', { toTag: sip.invite?.toTag });
          if (sip.invite) {
            send(sip.invite.request, 487, 'Request Terminated', { toTag: sip.invite.toTag });
          }
          return;
        case 'BYE':
          sip.log.push('sip: BYE');
          send(message, 200, 'OK');
          return;
        default:
          sip.log.push(`sip: ${message.method} (not served)`);
          send(message, 405, 'Method Not Allowed', { toTag: 'x' });
      }
    });
  });
  return sip;
}
