package parley.moderation;

import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Verdict;
import parley.api.spi.Command;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomVerbs;

/**
 * Enforces bans and access lists at JOIN_ROOM: a banned pseudo or address, or a pseudo a restricted room
 * does not list, gets KO naming why. Runs on the reader thread, after the login check; memory lookups only.
 */
final class JoinFilter implements RequestFilter {

    private final Moderation moderation;
    private final RoomDirectory rooms;

    JoinFilter(Moderation moderation, RoomDirectory rooms) {
        this.moderation = moderation;
        this.rooms = rooms;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        if (!RoomVerbs.JOIN_ROOM.equals(request.message().type())) {
            return Verdict.pass();
        }
        String room = request.message().text("room");
        if (room == null || !rooms.exists(room) || rooms.isMember(room, request.session())) {
            return Verdict.pass(); // the rooms answer these
        }
        String refusal = moderation.refusal(room, request.session());
        return refusal == null ? Verdict.pass() : Verdict.deny(refusal);
    }
}
