// One room's events in the room's order, each shown once. Every room push carries an id (one order per
// room, no gaps: PROTOCOL.md "Ids and times of room events"). After a join, or after a reconnection,
// the client asks HISTORY; pushes that arrive while it waits are held, then shown after the history,
// skipping any id already shown. This file is pure logic: no page, no socket.

export class RoomLog {
  constructor() {
    /** Ids shown already. */
    this.seen = new Set();
    /** The largest id shown: what to ask HISTORY after, after a drop. 0 before any. */
    this.lastId = 0;
    /** Pushes held while a HISTORY is on its way, or null when none is. */
    this.held = null;
  }

  /** From now until caughtUp(), live pushes are held. */
  catchingUp() {
    if (this.held === null) this.held = [];
  }

  get isCatchingUp() {
    return this.held !== null;
  }

  /** A live push: the events to show now ([] while catching up, or for an id already shown). */
  live(message) {
    if (this.held !== null) {
      this.held.push(message);
      return [];
    }
    return this.take([message]);
  }

  /**
   * The HISTORY answer came (or none will: pass []): {history, live}, the history's events not shown
   * yet, oldest first, then the held pushes not shown yet.
   */
  caughtUp(messages) {
    const held = this.held ?? [];
    this.held = null;
    const history = this.take([...messages].sort(byId));
    return {history, live: this.take(held)};
  }

  /** Marks an id as shown without showing it here (the echo of one's own MSG, from its OK). */
  mark(id) {
    if (typeof id === 'number') {
      this.seen.add(id);
      this.lastId = Math.max(this.lastId, id);
    }
  }

  /** The messages whose id is new, marked as shown; messages without an id always pass. */
  take(messages) {
    const fresh = [];
    for (const message of messages) {
      if (typeof message.id === 'number') {
        if (this.seen.has(message.id)) continue;
        this.mark(message.id);
      }
      fresh.push(message);
    }
    return fresh;
  }
}

function byId(a, b) {
  return (a.id ?? 0) - (b.id ?? 0);
}
