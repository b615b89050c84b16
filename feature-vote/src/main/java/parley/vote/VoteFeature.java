package parley.vote;

import java.util.List;

import parley.api.Registration;
import parley.api.ServerContext;
import parley.api.rooms.RoomDirectory;
import parley.api.sequence.Sequence;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;

/**
 * Wires votes to rooms: when a member leaves a room (BYE, logout, disconnect), every vote open in that
 * room learns it under its sequence's lock. The initiator leaving cancels the vote.
 */
public final class VoteFeature implements ServerFeature {

    private Registration leaves;

    @Override
    public void start(ServerContext context) {
        RoomDirectory rooms = context.services().find(RoomDirectory.class).orElseThrow(() -> new IllegalStateException(
                "the vote plugin needs the rooms plugin (parley-feature-rooms.jar) in the plugins directory"));
        leaves = rooms.onLeave((room, session, pseudo) -> {
            for (Sequence sequence : context.sequences().active()) {
                if (VoteMessages.ACTION.equals(sequence.action()) && room.equals(sequence.room())) {
                    sequence.withLock(() -> VoteAction.memberGone(sequence, session, "the initiator left " + room));
                }
            }
        });
    }

    @Override
    public void stop() {
        if (leaves != null) {
            leaves.cancel();
        }
    }

    @Override
    public List<LegacyShape> pushShapes() {
        // legacy members are not asked to vote, but they see the result: SEQUENCE_RESULT "room1" "{...}"
        return List.of(LegacyShape.of(VoteMessages.SEQUENCE_RESULT, List.of("room", "result")));
    }
}
