// The rooms: the list from the LOGIN answer, joining and leaving, each joined room's log (history
// first, marked as such, then live events, each once), who is in it, and the composer.

import {el, byId, clear, localTime} from './dom.js';
import {RoomLog} from './room-log.js';
import {notify, reasonOf} from './notices.js';

/** Room events shown in a room's log (they carry the room's id and time). */
export const ROOM_EVENTS = new Set(['MSG', 'JOINED', 'LEFT', 'FILE', 'SEQUENCE_RESULT']);
/** How many messages of history a join shows, and pages fetched at most to catch up after a drop. */
const HISTORY_ON_JOIN = 50;
const CATCH_UP_PAGES = 10;

class Room {
  constructor(name) {
    this.name = name;
    this.joined = false;
    this.members = [];
    this.log = new RoomLog();
    this.unread = 0;
    this.list = el('ol', {class: 'room-log', data: {room: name}, hidden: true});
  }
}

export class Rooms {
  /**
   * @param app {link, me(): string, renderers: {TYPE: (message, room) => Element}, joinedRoom(name),
   *            selectedRoom(name)}: renderers add the events other modules own (a file offer, a vote
   *            result) to the log.
   */
  constructor(app) {
    this.app = app;
    this.rooms = new Map();
    this.current = null;
    this.historyKnown = true; // false once the server answers that it has no HISTORY
    byId('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendText();
    });
    byId('text').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendText();
      }
    });
  }

  /** The rooms of the LOGIN answer. */
  setNames(names) {
    for (const name of names) {
      if (!this.rooms.has(name)) {
        const room = new Room(name);
        this.rooms.set(name, room);
        byId('log').append(room.list);
      }
    }
    this.render();
  }

  get joinedNames() {
    return [...this.rooms.values()].filter((r) => r.joined).map((r) => r.name);
  }

  room(name) {
    return this.rooms.get(name);
  }

  /** Joins a room, shows its last messages marked as history, then live ones. */
  async join(name) {
    const room = this.rooms.get(name);
    if (!room) return;
    room.log.catchingUp();
    let answer;
    try {
      answer = await this.app.link.request({type: 'JOIN_ROOM', room: name});
    } catch (e) {
      room.log.caughtUp([]);
      notify(`could not join ${name}: ${reasonOf(e)}`);
      return;
    }
    if (answer.type !== 'OK') {
      room.log.caughtUp([]);
      notify(`could not join ${name}: ${reasonOf(answer)}`);
      return;
    }
    const first = !room.joined;
    room.joined = true;
    room.members = Array.isArray(answer.members) ? [...answer.members] : [];
    this.select(name);
    await this.catchUp(room, {limit: HISTORY_ON_JOIN}, () => `earlier in ${name}`);
    if (first) this.append(room, el('li', {class: 'event mine', text: `you joined ${name} with ${room.members.join(', ')}`}));
    this.app.joinedRoom(name);
  }

  /**
   * After a reconnection: back into each joined room (with a resume token the server kept us there and
   * JOIN_ROOM is a plain OK; without, we join again), then what was said meanwhile.
   */
  async rejoin() {
    for (const room of this.rooms.values()) {
      if (!room.joined) continue;
      room.log.catchingUp();
      let answer;
      try {
        answer = await this.app.link.request({type: 'JOIN_ROOM', room: room.name});
      } catch (e) {
        room.log.caughtUp([]);
        return;
      }
      if (answer.type !== 'OK') {
        room.joined = false;
        room.log.caughtUp([]);
        notify(`could not get back into ${room.name}: ${reasonOf(answer)}`);
        continue;
      }
      room.members = Array.isArray(answer.members) ? [...answer.members] : [];
      const after = room.log.lastId;
      await this.catchUp(room, after > 0 ? {after, limit: 500} : {limit: HISTORY_ON_JOIN},
        (n) => `${n} message${n === 1 ? '' : 's'} while you were away`, after > 0);
    }
    this.render();
  }

  /**
   * Asks HISTORY (paging forward after a drop), then shows it marked as history, then the pushes held
   * meanwhile. title(n) is the line before the n messages of history, or null for none.
   */
  async catchUp(room, ask, title, forward = false) {
    const messages = [];
    if (this.historyKnown) {
      let query = {...ask};
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        let answer;
        try {
          answer = await this.app.link.request({type: 'HISTORY', room: room.name, ...query});
        } catch (e) {
          break;
        }
        if (answer.type === 'ERROR' && /unknown type/.test(answer.reason ?? '')) {
          this.historyKnown = false; // a server without the history plugin
          break;
        }
        if (answer.type !== 'HISTORY') {
          notify(`no history for ${room.name}: ${reasonOf(answer)}`);
          break;
        }
        messages.push(...(answer.messages ?? []));
        if (!forward || !answer.more || !answer.messages?.length) break;
        query = {after: answer.messages[answer.messages.length - 1].id, limit: 500};
      }
    }
    const {history, live} = room.log.caughtUp(messages);
    const heading = title(history.length);
    if (heading !== null && (history.length > 0 || forward)) {
      this.append(room, el('li', {class: 'divider', text: `— ${heading} —`}));
    }
    for (const message of history) this.show(room, message, true);
    for (const message of live) this.show(room, message, false);
  }

  async leave(name) {
    const room = this.rooms.get(name);
    if (!room || !room.joined) return;
    let answer;
    try {
      answer = await this.app.link.request({type: 'BYE', room: name});
    } catch (e) {
      notify(`could not leave ${name}: ${reasonOf(e)}`);
      return;
    }
    if (answer.type !== 'OK') {
      notify(`could not leave ${name}: ${reasonOf(answer)}`);
      return;
    }
    room.joined = false;
    room.members = [];
    this.append(room, el('li', {class: 'event mine', text: `you left ${name}`}));
    if (this.current === name) this.select(this.joinedNames[0] ?? null);
    else this.render();
  }

  select(name) {
    this.current = name;
    const room = name && this.rooms.get(name);
    if (room) room.unread = 0;
    for (const r of this.rooms.values()) r.list.hidden = r.name !== name;
    this.render();
    this.app.selectedRoom();
    if (room) room.list.lastElementChild?.scrollIntoView({block: 'end'});
  }

  /** A push for a room: shown now, or held while that room catches up. */
  live(message) {
    const room = this.rooms.get(message.room);
    // while joining, pushes may come before the OK: the log holds them until the history is shown
    if (!room || (!room.joined && !room.log.isCatchingUp)) return;
    for (const event of room.log.live(message)) this.show(room, event, false);
  }

  /** Shows one room event; live joins and leaves also change who is in the room. */
  show(room, message, history) {
    if (!history && message.type === 'JOINED' && !room.members.includes(message.pseudo)) {
      room.members.push(message.pseudo);
      this.renderMembers();
    }
    if (!history && message.type === 'LEFT') {
      room.members = room.members.filter((m) => m !== message.pseudo);
      this.renderMembers();
    }
    const item = this.entry(room, message);
    if (history) item.classList.add('history');
    if (message.id !== undefined) item.dataset.id = String(message.id);
    this.append(room, item);
  }

  entry(room, message) {
    const time = el('time', {text: localTime(message.time), dateTime: message.time ?? '', title: message.time ?? ''});
    switch (message.type) {
      case 'MSG': {
        const mine = message.pseudo?.toLowerCase() === this.app.me().toLowerCase();
        return el('li', {class: mine ? 'msg mine' : 'msg'}, time,
          el('span', {class: 'pseudo', text: message.pseudo}), el('span', {class: 'text', text: message.msg}));
      }
      case 'JOINED':
        return el('li', {class: 'event'}, time, el('span', {text: `${message.pseudo} joined ${message.room}`}));
      case 'LEFT':
        return el('li', {class: 'event'}, time,
          el('span', {text: `${message.pseudo} left ${message.room}${message.reason ? ` (${message.reason})` : ''}`}));
      default: {
        const render = this.app.renderers[message.type];
        const body = render ? render(message, room.name) : el('span', {text: `${message.type} ${JSON.stringify(message)}`});
        return el('li', {class: `event ${message.type.toLowerCase()}`}, time, body);
      }
    }
  }

  /** Adds an element to a room's log; counts it unread when the room is not on screen. */
  append(room, item) {
    const atBottom = room.list.parentElement
      ? room.list.parentElement.scrollHeight - room.list.parentElement.scrollTop - room.list.parentElement.clientHeight < 40
      : true;
    room.list.append(item);
    if (room.name !== this.current) {
      room.unread++;
      this.renderList();
    } else if (atBottom) {
      item.scrollIntoView({block: 'end'});
    }
  }

  /** Adds an element to the log of the named room (the votes' question cards). */
  appendTo(name, item) {
    const room = this.rooms.get(name);
    if (room) this.append(room, item);
  }

  async sendText() {
    const input = byId('text');
    const text = input.value;
    const room = this.current && this.rooms.get(this.current);
    if (!room || !room.joined || text.trim() === '') return;
    let answer;
    try {
      answer = await this.app.link.request({type: 'MSG', room: room.name, msg: text});
    } catch (e) {
      notify(`not sent: ${reasonOf(e)}; your text is still in the box`);
      return;
    }
    if (answer.type !== 'OK') {
      notify(`not sent: ${reasonOf(answer)}`);
      return;
    }
    if (input.value === text) input.value = '';
    const echo = {type: 'MSG', room: room.name, pseudo: this.app.me(), msg: text, id: answer.id, time: answer.time};
    if (room.log.isCatchingUp) room.log.live(echo);
    else this.live(echo);
  }

  render() {
    this.renderList();
    this.renderMembers();
    const room = this.current && this.rooms.get(this.current);
    byId('room-title').textContent = room ? room.name : 'Join a room';
    const usable = Boolean(room && room.joined);
    byId('text').disabled = !usable;
    byId('send').disabled = !usable;
    byId('text').placeholder = usable ? `Message ${room.name} (Enter sends, Shift+Enter: new line)` : 'Join a room to chat';
  }

  renderList() {
    const list = byId('rooms');
    clear(list);
    for (const room of this.rooms.values()) {
      const name = el('button', {type: 'button', class: 'room-name', text: room.name,
        title: room.joined ? `show ${room.name}` : `join ${room.name}`});
      name.addEventListener('click', () => (room.joined ? this.select(room.name) : this.join(room.name)));
      const action = room.joined
        ? el('button', {type: 'button', class: 'leave', text: 'Leave', title: `leave ${room.name}`})
        : el('button', {type: 'button', class: 'join', text: 'Join', title: `join ${room.name}`});
      action.addEventListener('click', () => (room.joined ? this.leave(room.name) : this.join(room.name)));
      const unread = room.unread > 0 && room.joined ? el('span', {class: 'unread', text: String(room.unread)}) : null;
      list.append(el('li', {class: [room.joined ? 'joined' : '', room.name === this.current ? 'current' : ''].join(' ').trim(),
        data: {room: room.name}}, name, unread, action));
    }
  }

  renderMembers() {
    const list = byId('members');
    clear(list);
    const room = this.current && this.rooms.get(this.current);
    if (!room || !room.joined) {
      list.append(el('li', {class: 'none', text: 'join a room to see who is there'}));
      return;
    }
    for (const pseudo of room.members) list.append(el('li', {text: pseudo}));
  }
}
