// The connection to the server: one WebSocket at a time on /ws, opened again by itself after a drop.
// Each text message is one JSON payload of the framed protocol; binary messages are binary frames
// (frames.js). Requests carry a numeric seq and resolve with their answer; sequences (a vote, an
// upload, a download) get every message with their seq until COMPLETE or ERROR.

import {parseFrame} from './frames.js';

/** Pushes: never the answer to a request, even when they carry a seq (a vote's id, see PROTOCOL.md §4). */
const PUSHES = new Set(['MSG', 'JOINED', 'LEFT', 'FILE', 'VOTE_REQUEST', 'SEQUENCE_RESULT', 'VOTE_PROGRESS',
  'SHUTDOWN', 'PING', 'P2P_ASK', 'P2P_INVITE', 'P2P_REFUSED', 'P2P_FALLBACK', 'P2P_RELAY_CLOSED']);
const ENDS = new Set(['COMPLETE', 'ERROR', 'KO']);

/** Our own PING after this much silence from the server; no answer within REPLY_MS means the link is dead. */
const QUIET_MS = 25_000;
const REPLY_MS = 10_000;
/** Reconnection delays: doubling from the first to the last, each with up to half of it as jitter. */
const FIRST_DELAY_MS = 500;
const LAST_DELAY_MS = 15_000;

/** A request that got no answer, or whose connection went away before its answer. */
export class LinkError extends Error {}

export class Link {
  /**
   * @param url      the WebSocket address (ws://host/ws or wss://host/ws)
   * @param handlers {up(), down(reason, delayMs), push(message)}: up once each socket opens, down when it
   *                 closes (with the delay before the next try), push for every message that answers nothing
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.nextSeq = 1;
    this.pending = new Map(); // seq -> {resolve, reject, each?, timer?}
    this.binary = new Map(); // tag -> function(Uint8Array)
    this.attempt = 0;
    this.stopped = true;
    this.lastHeard = 0;
    this.watchdog = null;
    this.retry = null;
    this.pinging = false;
  }

  /** Opens the first socket; after that, every drop opens a new one until stop(). */
  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good: no reconnection. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.socket) this.socket.close(1000, 'bye');
  }

  /** True while a socket is open. */
  get connected() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Closes the current socket as a drop: the link opens a new one (used when the server stops answering). */
  drop(reason) {
    if (this.socket) this.socket.close(4000, reason.slice(0, 100));
  }

  open() {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.lastHeard = Date.now();
      this.watchdog = setInterval(() => this.check(), 5_000);
      this.handlers.up();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      this.lastHeard = Date.now();
      if (typeof event.data === 'string') this.text(event.data);
      else this.frame(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) return;
      this.closed(event.reason || closeReason(event.code));
    });
  }

  closed(reason) {
    clearInterval(this.watchdog);
    this.socket = null;
    for (const [seq, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new LinkError(`the connection dropped (${reason}) before the answer`));
      this.pending.delete(seq);
    }
    this.binary.clear();
    if (this.stopped) {
      this.handlers.down(reason, -1);
      return;
    }
    const ceiling = Math.min(LAST_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    this.attempt++;
    this.handlers.down(reason, delay);
    this.retry = setTimeout(() => {
      if (!this.stopped) this.open();
    }, delay);
  }

  /** Pings a quiet server; a server that does not answer in time is taken for gone. */
  check() {
    const quiet = Date.now() - this.lastHeard;
    if (quiet > QUIET_MS + REPLY_MS) {
      this.drop('the server stopped answering');
    } else if (quiet > QUIET_MS && !this.pinging) {
      this.pinging = true;
      this.request({type: 'PING'}, REPLY_MS).catch(() => {}).finally(() => { this.pinging = false; });
    }
  }

  text(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      this.handlers.push({type: 'ERROR', reason: `the server sent something that is not JSON: ${data.slice(0, 80)}`});
      return;
    }
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'PING') {
      this.send(message.seq === undefined ? {type: 'PONG'} : {type: 'PONG', seq: message.seq});
      return;
    }
    const waiter = message.seq === undefined || PUSHES.has(message.type) ? undefined : this.pending.get(message.seq);
    if (!waiter) {
      this.handlers.push(message);
      return;
    }
    if (waiter.each) {
      waiter.each(message);
      if (!ENDS.has(message.type)) return;
    }
    clearTimeout(waiter.timer);
    this.pending.delete(message.seq);
    waiter.resolve(message);
  }

  frame(buffer) {
    const frame = parseFrame(buffer);
    const handler = frame && this.binary.get(frame.tag);
    if (handler) handler(frame.data);
  }

  /** Sends a message as is; false when there is no open socket. */
  send(message) {
    if (!this.connected) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /**
   * Sends a request with the next seq; resolves with its answer (OK, KO, ERROR, DISPLAY_ROOM…),
   * rejects with a LinkError when the connection drops first or no answer comes within timeoutMs.
   */
  request(message, timeoutMs = 30_000) {
    return this.waitFor(message, null, timeoutMs);
  }

  /**
   * Starts a sequence (BEGIN_SEQUENCE, SEND_FILE, GET_FILE): each message with its seq goes to each(),
   * ACK included; resolves with the last one (COMPLETE, ERROR or KO).
   */
  sequence(message, each) {
    return this.waitFor(message, each, 0);
  }

  /** Sends a message whose seq is given (a VOTE answers with the vote's id); resolves with its OK or KO. */
  answer(message, timeoutMs = 30_000) {
    return this.waitFor(message, null, timeoutMs, message.seq);
  }

  waitFor(message, each, timeoutMs, given = undefined) {
    const seq = given ?? this.nextSeq++;
    return new Promise((resolve, reject) => {
      if (!this.connected) {
        reject(new LinkError('not connected: the chat is reconnecting'));
        return;
      }
      const waiter = {resolve, reject, each};
      if (timeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          this.pending.delete(seq);
          reject(new LinkError(`no answer to ${message.type} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      }
      this.pending.set(seq, waiter);
      this.socket.send(JSON.stringify({...message, seq}));
    });
  }

  /** Routes binary frames with this tag to handler(bytes) until unroute(tag). */
  route(tag, handler) {
    this.binary.set(tag, handler);
  }

  unroute(tag) {
    this.binary.delete(tag);
  }

  /** Sends a binary message (a header and a Blob slice, say) when a socket is open; false otherwise. */
  sendBinary(parts) {
    if (!this.connected) return false;
    this.socket.send(new Blob(parts));
    return true;
  }

  /** Bytes the browser holds, not yet sent on the socket. */
  get buffered() {
    return this.socket ? this.socket.bufferedAmount : 0;
  }
}

function closeReason(code) {
  switch (code) {
    case 1000: return 'closed';
    case 1001: return 'the server is going away';
    case 1006: return 'the connection was lost';
    case 1008: return 'refused by the server';
    case 1009: return 'a message was too big';
    case 1011: return 'a server error';
    default: return `closed with code ${code}`;
  }
}
