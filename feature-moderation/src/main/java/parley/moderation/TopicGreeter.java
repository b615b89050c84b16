package parley.moderation;

import parley.rooms.api.Member;
import parley.rooms.api.RoomEvents;

/**
 * Shows a room's topic to each member who joins it: {@code TOPIC {room, topic, by}} right after its
 * JOIN_ROOM's OK. Called on the joiner's reader thread, outside the room's lock; a memory lookup and a
 * send, which never blocks.
 */
final class TopicGreeter implements RoomEvents {

    private final Moderation moderation;

    TopicGreeter(Moderation moderation) {
        this.moderation = moderation;
    }

    @Override
    public void welcomed(String room, Member member) {
        moderation.topic(room).ifPresent(topic -> member.session().send(TopicCommand.push(room, topic.text(), topic.by())));
    }
}
