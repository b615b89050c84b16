package parley.moderation;

import java.util.Optional;
import java.util.Set;

import parley.api.Message;
import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.spi.Command;
import parley.rooms.api.RoomVerbs;

/**
 * Enforces mutes: a muted member's MSG, FILE (the text form's file) and SEND_FILE (framed, a sequence
 * begun with BEGIN_SEQUENCE) in the room get KO naming the mute and its end. Runs on the reader thread
 * for every request; a room with no mute costs one map lookup.
 */
final class MuteFilter implements RequestFilter {

    private static final Set<String> SPEAKING = Set.of(RoomVerbs.MSG, "FILE", "SEND_FILE");

    private final Moderation moderation;

    MuteFilter(Moderation moderation) {
        this.moderation = moderation;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        Message message = request.message();
        boolean speaks = SPEAKING.contains(message.type())
                || Verbs.BEGIN_SEQUENCE.equals(message.type()) && "SEND_FILE".equals(message.text("action"));
        if (!speaks) {
            return Verdict.pass();
        }
        String room = message.text("room");
        Optional<Mute> mute = room == null ? Optional.empty() : moderation.muted(room, request.session().pseudo());
        return mute.isPresent() ? Verdict.deny(mute.get().refusal(moderation.now())) : Verdict.pass();
    }
}
