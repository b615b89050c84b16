package parley.history;

/**
 * One event of a room's log, as the room pushed it.
 *
 * @param room   the room
 * @param id     its id in the room
 * @param millis its server time, in milliseconds since the epoch
 * @param json   the push, as the UTF-8 JSON sessions got it (with {@code id} and {@code time}); shared,
 *               never modified
 */
record Entry(String room, long id, long millis, byte[] json) {
}
