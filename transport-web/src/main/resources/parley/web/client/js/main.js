// The browser client's entry point: logging in, the connection's status, and where each push goes.
// After a drop, the link reconnects by itself; the client logs in again (with the server's resume token
// when it gave one, otherwise plainly), goes back into its rooms and shows what it missed.

import {byId} from './dom.js';
import {Link} from './link.js';
import {notify, reasonOf} from './notices.js';
import {Rooms, ROOM_EVENTS} from './rooms.js';
import {Votes} from './votes.js';
import {Files} from './files.js';

/** Logins in a row refused during a reconnection before the client gives up and asks again. */
const MAX_RELOGIN_REFUSALS = 8;

class App {
  constructor() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.pseudo = null;
    this.password = '';
    this.resume = null;
    this.loggedIn = false; // true once a LOGIN succeeded: later opens are reconnections
    this.refusals = 0;
    this.link = new Link(`${scheme}//${location.host}/ws`, {
      up: () => this.up(),
      down: (reason, delay) => this.down(reason, delay),
      push: (message) => this.push(message),
    });
    this.renderers = {
      FILE: (message, room) => this.files.offered(message, room),
      SEQUENCE_RESULT: (message) => this.votes.result(message),
    };
    this.rooms = new Rooms(this);
    this.votes = new Votes(this);
    this.files = new Files(this);
    byId('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.login();
    });
    byId('logout').addEventListener('click', () => this.logout());
  }

  /** Rooms tells: a room was joined (its files are listed), or another room is on screen. */
  joinedRoom(room) {
    this.files.refresh(room);
  }

  selectedRoom() {
    this.files?.render();
  }

  me() {
    return this.pseudo ?? '';
  }

  login() {
    const pseudo = byId('pseudo').value.trim();
    if (!pseudo) return;
    this.pseudo = pseudo;
    this.password = byId('password').value;
    byId('login-error').textContent = '';
    byId('login').disabled = true;
    this.status('connecting…');
    this.link.start();
  }

  /** A socket opened: LOGIN (resuming when the server gave a token), then back into the rooms. */
  async up() {
    const again = this.loggedIn;
    let answer = await this.sendLogin(this.resume);
    if (answer && answer.type !== 'DISPLAY_ROOM' && this.resume) {
      this.resume = null; // expired or refused: a plain login, then join again
      answer = await this.sendLogin(null);
    }
    if (!answer) return; // the socket dropped meanwhile: the next open tries again
    if (answer.type !== 'DISPLAY_ROOM') {
      this.refused(reasonOf(answer), again);
      return;
    }
    this.refusals = 0;
    this.loggedIn = true;
    this.resume = typeof answer.resume === 'string' ? answer.resume : null;
    this.rooms.setNames(Array.isArray(answer.rooms) ? answer.rooms : []);
    this.status(`connected as ${this.pseudo}`, 'up');
    if (!again) {
      byId('login-screen').hidden = true;
      byId('chat-screen').hidden = false;
      byId('logout').hidden = false;
      return;
    }
    notify(answer.resumed === true
      ? `reconnected as ${this.pseudo}: your session was resumed, still in your rooms`
      : `reconnected as ${this.pseudo}: logged in again and back into your rooms`, 'info');
    await this.rooms.rejoin();
    for (const room of this.rooms.joinedNames) this.files.refresh(room);
  }

  async sendLogin(resume) {
    const message = {type: 'LOGIN', pseudo: this.pseudo};
    if (resume) message.resume = resume;
    else if (this.password) message.password = this.password;
    try {
      return await this.link.request(message);
    } catch (e) {
      return null;
    }
  }

  refused(reason, again) {
    if (!again) {
      this.link.stop();
      byId('login-error').textContent = reason;
      byId('login').disabled = false;
      this.status('not connected');
      return;
    }
    // reconnecting: the old connection may still hold the pseudo for a moment; try again later
    if (++this.refusals >= MAX_RELOGIN_REFUSALS) {
      this.link.stop();
      this.loggedIn = false;
      notify(`could not log in again as ${this.pseudo}: ${reason}`);
      byId('login-error').textContent = `could not log in again: ${reason}`;
      byId('login').disabled = false;
      byId('login-screen').hidden = false;
      byId('chat-screen').hidden = true;
      byId('logout').hidden = true;
      return;
    }
    this.status(`logging in again refused (${reason}); trying again…`, 'down');
    this.link.drop('login refused');
  }

  down(reason, delay) {
    if (delay < 0) {
      this.status('not connected');
      return;
    }
    const seconds = Math.max(1, Math.round(delay / 1000));
    this.status(this.loggedIn
      ? `connection lost (${reason}): reconnecting in ${seconds} s…`
      : `cannot reach the server (${reason}): trying again in ${seconds} s…`, 'down');
  }

  push(message) {
    if (ROOM_EVENTS.has(message.type) && message.room) {
      this.rooms.live(message);
      return;
    }
    switch (message.type) {
      case 'VOTE_REQUEST':
        this.votes.asked(message);
        break;
      case 'VOTE_PROGRESS':
        this.votes.progress(message);
        break;
      case 'SHUTDOWN':
        notify(`the server is stopping (${message.reason ?? 'no reason given'}): the chat reconnects when it is back`, 'info');
        break;
      case 'ERROR':
      case 'KO':
        notify(`server: ${reasonOf(message)}`);
        break;
      default:
        break; // P2P and other plugins' pushes: not for this client
    }
  }

  async logout() {
    try {
      await this.link.request({type: 'BYE'}, 5_000);
    } catch (e) {
      // leaving anyway
    }
    this.link.stop();
    location.reload();
  }

  status(text, state = '') {
    const node = byId('status');
    node.textContent = text;
    node.dataset.state = state;
  }
}

new App();
