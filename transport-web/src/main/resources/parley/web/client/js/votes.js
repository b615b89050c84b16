// Votes (feature-vote): asking the current room (a VOTE sequence, with its live tally from
// VOTE_PROGRESS), answering a question asked of you (VOTE with the vote's id as seq), and results.

import {el, byId} from './dom.js';
import {notify, reasonOf} from './notices.js';

const YES_NO = ['yes', 'no'];

export class Votes {
  /** @param app {link, rooms} */
  constructor(app) {
    this.app = app;
    this.questions = new Map(); // vote id -> question
    this.cards = new Map(); // vote id -> {card, buttons, status}
    this.mine = null; // {id, room, question, voted, expected, deadline, card, timer}
    byId('vote-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.ask();
    });
  }

  /** Asks the current room the question in the form. */
  async ask() {
    const room = this.app.rooms.current;
    if (!room || !this.app.rooms.room(room)?.joined) {
      notify('join a room first: a vote is asked of a room');
      return;
    }
    if (this.mine) {
      notify('your vote is still running: wait for its result');
      return;
    }
    const question = byId('question').value.trim();
    const options = byId('options').value.split('|').map((o) => o.trim()).filter((o) => o !== '');
    const seconds = Number(byId('vote-seconds').value) || 60;
    if (!question) {
      notify('what is the question?');
      return;
    }
    const details = {question, timeout_ms: seconds * 1000};
    if (options.length > 0) details.options = options;
    const status = el('p', {class: 'tally', text: 'asking…'});
    const card = el('div', {class: 'vote mine'}, el('p', {class: 'question', text: `You asked ${room}: ${question}`}), status);
    const mine = {id: null, room, question, voted: 0, expected: null, deadline: Date.now() + seconds * 1000, status, timer: null};
    this.mine = mine;
    mine.timer = setInterval(() => this.showTally(), 1000);
    this.app.rooms.appendTo(room, el('li', {class: 'event vote-card'}, card));
    byId('question').value = '';
    byId('options').value = '';
    let end;
    try {
      end = await this.app.link.sequence({type: 'BEGIN_SEQUENCE', action: 'VOTE', room, details}, (message) => {
        if (message.type === 'ACK') {
          mine.id = message.id;
          this.questions.set(message.id, question);
          this.showTally();
        }
      });
    } catch (e) {
      end = {type: 'ERROR', reason: reasonOf(e)};
    }
    clearInterval(mine.timer);
    this.mine = null;
    if (end.type === 'COMPLETE') {
      status.textContent = `closed: ${describe(end.result)}`;
      byId('tally').textContent = '';
    } else {
      status.textContent = `ended without a result: ${reasonOf(end)}`;
      byId('tally').textContent = '';
      notify(`your vote did not complete: ${reasonOf(end)}`);
    }
  }

  /** VOTE_PROGRESS, to the one who asked: how many voted so far. */
  progress(message) {
    if (!this.mine || (this.mine.id !== null && message.id !== this.mine.id)) return;
    this.mine.voted = message.voted;
    this.mine.expected = message.expected;
    this.showTally();
  }

  showTally() {
    const mine = this.mine;
    if (!mine) return;
    const left = Math.max(0, Math.round((mine.deadline - Date.now()) / 1000));
    const count = mine.expected === null ? 'waiting for votes' : `${mine.voted} of ${mine.expected} voted`;
    const text = `${count}, ${left} s left`;
    mine.status.textContent = text;
    byId('tally').textContent = `“${mine.question}” in ${mine.room}: ${text}`;
  }

  /** VOTE_REQUEST: a question asked of you, shown in its room with a button per choice. */
  asked(message) {
    const id = message.seq;
    const details = message.details ?? {};
    const options = Array.isArray(details.options) && details.options.length > 0 ? details.options : YES_NO;
    this.questions.set(id, details.question ?? '');
    const status = el('p', {class: 'tally', text: `answer within ${Math.round((message.timeout_ms ?? 0) / 1000)} s`});
    const buttons = options.map((option) => {
      const button = el('button', {type: 'button', class: 'choice', text: option, data: {choice: option}});
      button.addEventListener('click', () => this.answer(id, option));
      return button;
    });
    const card = el('div', {class: 'vote', data: {vote: id}},
      el('p', {class: 'question', text: `${message.from} asks: ${details.question ?? ''}`}),
      el('div', {class: 'choices'}, ...buttons), status);
    this.cards.set(id, {card, buttons, status});
    this.app.rooms.appendTo(message.room, el('li', {class: 'event vote-card'}, card));
  }

  async answer(id, choice) {
    const entry = this.cards.get(id);
    entry?.buttons.forEach((b) => { b.disabled = true; });
    let answer;
    try {
      answer = await this.app.link.answer({type: 'VOTE', seq: id, vote: choice});
    } catch (e) {
      answer = {type: 'ERROR', reason: reasonOf(e)};
    }
    if (answer.type === 'OK') {
      if (entry) entry.status.textContent = `you voted ${choice}`;
    } else {
      entry?.buttons.forEach((b) => { b.disabled = false; });
      notify(`vote not counted: ${reasonOf(answer)}`);
    }
  }

  /** Renders a SEQUENCE_RESULT for the room's log, and closes its question card. */
  result(message) {
    const entry = this.cards.get(message.seq);
    if (entry) {
      entry.buttons.forEach((b) => { b.disabled = true; });
      entry.card.classList.add('closed');
      this.cards.delete(message.seq);
    }
    const question = this.questions.get(message.seq);
    const cancelled = message.cancelled ? ` cancelled (${message.reason ?? 'no reason given'}); so far` : '';
    return el('span', {class: 'result',
      text: `Vote${question ? ` “${question}”` : ` ${message.seq}`}:${cancelled} ${describe(message.result)}`});
  }
}

/** A tally as people read it: "yes 2, no 1, missing 0". */
function describe(result) {
  if (!result || typeof result !== 'object') return String(result);
  return Object.entries(result).filter(([key]) => key !== 'cancelled').map(([key, value]) => `${key} ${value}`).join(', ');
}
