package parley.vote;

import java.util.List;

import parley.api.Registration;
import parley.api.ServerContext;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomEvents;
import parley.api.sequence.Sequence;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;

/**
 * Wires votes to rooms: when a member leaves a room (BYE, logout, disconnect), every vote open in that
 * room learns it under its sequence's lock, on a thread of its own (the room tells it under the room's
 * lock). The initiator leaving cancels the vote.
 */
public final class VoteFeature implements ServerFeature {

    private Registration leaves;

    @Override
    public void start(ServerContext context) {
        RoomDirectory rooms = context.services().find(RoomDirectory.class).orElseThrow(() -> new IllegalStateException(
                "the vote plugin needs the rooms plugin (parley-feature-rooms.jar) in the plugins directory"));
        leaves = rooms.listen(new RoomEvents() {
            @Override
            public void left(String room, Member member, String reason, long order) {
                // called under the room's lock, while a vote takes the room's lock under its own to
                // broadcast its result: hand the news to a thread of its own rather than wait for a vote
                Thread.ofVirtual().name("parley-vote-left").start(() -> {
                    for (Sequence sequence : context.sequences().active()) {
                        if (VoteMessages.ACTION.equals(sequence.action()) && room.equals(sequence.start().text("room"))) {
                            sequence.withLock(() -> VoteAction.memberGone(sequence, member.session(),
                                    "the initiator left " + room));
                        }
                    }
                });
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
