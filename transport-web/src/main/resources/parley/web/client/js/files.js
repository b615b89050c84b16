// Files (feature-files): sending one to the current room (SEND_FILE, then binary frames tagged with
// the ACK's id, then SEND_FILE_END), the room's list (FILES and FILE offers), and downloading (GET_FILE,
// frames tagged with our own tag), each checked by SHA-256 in the browser before it is saved.

import {el, byId, clear, humanSize} from './dom.js';
import {notify, reasonOf} from './notices.js';
import {frameHeader} from './frames.js';
import {canHash, sha256Hex, whyNoHash} from './sha256.js';

/** Bytes of file data per binary frame: well under the server's max-frame-bytes (1 MiB by default). */
const CHUNK = 256 * 1024;
/** At most this much waiting in the browser's socket buffer: the progress bar follows what really left. */
const IN_FLIGHT = 1024 * 1024;

export class Files {
  /** @param app {link, rooms} */
  constructor(app) {
    this.app = app;
    this.byRoom = new Map(); // room -> Map(file id -> {file, pseudo})
    this.downloads = 0;
    this.sending = false;
    byId('file-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
  }

  /** FILES for a room just joined (or joined again). */
  async refresh(room) {
    let answer;
    try {
      answer = await this.app.link.request({type: 'FILES', room});
    } catch (e) {
      return;
    }
    if (answer.type !== 'FILES') {
      if (!/unknown type/.test(answer.reason ?? '')) notify(`no file list for ${room}: ${reasonOf(answer)}`);
      return;
    }
    const files = new Map();
    for (const file of answer.files ?? []) files.set(file.id, {file, pseudo: file.pseudo});
    this.byRoom.set(room, files);
    this.render();
  }

  /** A FILE offer (live or from history): listed, and rendered for the room's log. */
  offered(message, room) {
    const file = message.file ?? {};
    const files = this.byRoom.get(room) ?? new Map();
    this.byRoom.set(room, files);
    if (file.id && !files.has(file.id)) {
      files.set(file.id, {file, pseudo: message.pseudo});
      this.render();
    }
    const button = el('button', {type: 'button', class: 'download', text: 'Download', data: {file: file.id ?? ''}});
    const status = el('span', {class: 'file-status'});
    button.addEventListener('click', () => this.download(file, status));
    return el('span', {class: 'offer'},
      el('span', {text: `${message.pseudo} sent ${file.filename} (${humanSize(file.size ?? 0)}) `}), button, status);
  }

  render() {
    const list = byId('files');
    clear(list);
    const room = this.app.rooms.current;
    const files = room ? this.byRoom.get(room) : null;
    if (!files || files.size === 0) {
      list.append(el('li', {class: 'none', text: room ? `no files in ${room}` : 'join a room to see its files'}));
      return;
    }
    for (const {file, pseudo} of files.values()) {
      const button = el('button', {type: 'button', class: 'download', text: 'Download', data: {file: file.id}});
      const status = el('span', {class: 'file-status'});
      button.addEventListener('click', () => this.download(file, status));
      list.append(el('li', {data: {file: file.id}},
        el('span', {class: 'name', text: file.filename}),
        el('span', {class: 'meta', text: ` ${humanSize(file.size)} from ${pseudo ?? '?'} `}), button, status));
    }
  }

  /** Sends the chosen file to the current room, with a progress bar. */
  async send() {
    const input = byId('file');
    const file = input.files?.[0];
    const room = this.app.rooms.current;
    const status = byId('upload-status');
    const bar = byId('upload-progress');
    if (!file) {
      notify('choose a file first');
      return;
    }
    if (!room || !this.app.rooms.room(room)?.joined) {
      notify('join a room first: a file is sent to a room');
      return;
    }
    if (!canHash()) {
      notify(whyNoHash());
      return;
    }
    if (this.sending) {
      notify('a file is being sent already: wait until it is done');
      return;
    }
    this.sending = true;
    byId('send-file').disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = `hashing ${file.name}…`;
    const upload = {ended: false};
    let end;
    try {
      const sha256 = await sha256Hex(file);
      status.textContent = `sending ${file.name} to ${room}…`;
      end = await this.app.link.sequence(
        {type: 'SEND_FILE', room, meta: {filename: file.name, size: file.size, sha256}},
        (message) => {
          if (message.type === 'ACK') this.pump(file, message.id, upload, bar);
        });
    } catch (e) {
      end = {type: 'ERROR', reason: reasonOf(e)};
    }
    upload.ended = true;
    this.sending = false;
    byId('send-file').disabled = false;
    if (end.type === 'COMPLETE') {
      const stored = end.result?.file ?? {};
      bar.value = 1;
      status.textContent = `sent ${stored.filename ?? file.name} (${humanSize(stored.size ?? file.size)}), SHA-256 checked by the server`;
      input.value = '';
      this.app.rooms.appendTo(room, el('li', {class: 'event mine', text: `you sent ${stored.filename ?? file.name} (${humanSize(stored.size ?? file.size)}) to ${room}`}));
      if (stored.id) {
        const files = this.byRoom.get(room) ?? new Map();
        files.set(stored.id, {file: stored, pseudo: this.app.me()});
        this.byRoom.set(room, files);
        this.render();
      }
    } else {
      bar.hidden = true;
      status.textContent = `${file.name} was not sent: ${reasonOf(end)}`;
      notify(`${file.name} was not sent: ${reasonOf(end)}`);
    }
  }

  /** Sends the chunks, never more than IN_FLIGHT ahead of the socket, then the end marker. */
  async pump(file, tag, upload, bar) {
    const header = frameHeader(tag);
    const link = this.app.link;
    for (let offset = 0; offset < file.size && !upload.ended; offset += CHUNK) {
      while (link.buffered > IN_FLIGHT && !upload.ended) await pause(20);
      if (upload.ended || !link.sendBinary([header, file.slice(offset, offset + CHUNK)])) return;
      bar.value = Math.max(0, (offset + Math.min(CHUNK, file.size - offset) - link.buffered) / file.size);
    }
    while (link.buffered > 0 && !upload.ended) {
      bar.value = Math.max(0, (file.size - link.buffered) / file.size);
      await pause(20);
    }
    if (!upload.ended) link.send({type: 'SEND_FILE_END', seq: tag});
  }

  /** Downloads a file, checks its size and SHA-256, then saves it; status tells how it went. */
  async download(file, status) {
    if (!canHash()) {
      notify(whyNoHash());
      return;
    }
    const tag = `get-${++this.downloads}`;
    const chunks = [];
    let received = 0;
    const bar = el('progress', {max: Math.max(1, file.size ?? 1), value: 0});
    status.replaceChildren(bar);
    const link = this.app.link;
    link.route(tag, (data) => {
      chunks.push(data);
      received += data.length;
      bar.value = received;
    });
    let end;
    try {
      end = await link.sequence({type: 'GET_FILE', id: file.id, tag}, () => {});
    } catch (e) {
      end = {type: 'ERROR', reason: reasonOf(e)};
    }
    link.unroute(tag);
    if (end.type !== 'COMPLETE') {
      status.textContent = ` not downloaded: ${reasonOf(end)}`;
      notify(`${file.filename} was not downloaded: ${reasonOf(end)}`);
      return;
    }
    const expected = end.result?.file ?? file;
    const blob = new Blob(chunks);
    const sha256 = await sha256Hex(blob);
    if (blob.size !== expected.size || sha256 !== expected.sha256 || (file.sha256 && sha256 !== file.sha256)) {
      status.textContent = ` refused: got ${blob.size} bytes hashing to ${sha256}, expected ${expected.size} bytes hashing to ${expected.sha256}`;
      status.classList.add('error');
      notify(`${file.filename} did not arrive intact (SHA-256 mismatch): it was not saved`);
      return;
    }
    const url = URL.createObjectURL(blob);
    const save = el('a', {href: url, download: expected.filename ?? file.filename, class: 'save', text: 'save again'});
    status.replaceChildren(el('span', {class: 'checked', text: ` ✓ SHA-256 checked, saved `}), save);
    save.click();
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
