package parley.moderation;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import parley.api.Message;
import parley.api.Request;

/**
 * {@code TOPIC {room, topic}} by an operator of the room sets its topic (empty clears it): the room gets
 * {@code TOPIC {room, topic, by}}, and so does each member who joins later, right after its JOIN_ROOM's OK.
 * {@code TOPIC {room}} with no topic, by anyone who may join the room, answers
 * {@code TOPIC {room, topic, by}} (an empty topic when there is none).
 */
final class TopicCommand extends ModerationCommand {

    private final int maxLength;

    TopicCommand(Desk desk, int maxLength) {
        super(desk);
        this.maxLength = maxLength;
    }

    @Override
    public String verb() {
        return ModerationVerbs.TOPIC;
    }

    @Override
    public List<String> legacyArgs() {
        return ModerationVerbs.TOPIC_ARGS;
    }

    @Override
    public String help() {
        return "shows a room's topic; with a text, sets it (room operators; empty clears it)";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        String text = request.message().text("topic");
        if (text == null) {
            String refusal = desk.rooms().isMember(room, request.session()) ? null
                    : desk.moderation().refusal(room, request.session());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            Optional<Topic> topic = desk.moderation().topic(room);
            request.reply(push(room, topic.map(Topic::text).orElse(""), topic.map(Topic::by).orElse("")));
            return;
        }
        requireRoomOperator(request, room);
        String problem = Text.problem(text, maxLength, "the topic");
        if (problem != null) {
            throw new IllegalArgumentException(problem + " (moderation.max-topic-length)");
        }
        String topic = text.strip();
        String by = request.session().pseudo();
        desk.moderation().topic(room, topic.isEmpty() ? null : new Topic(topic, by, desk.moderation().now()));
        desk.push(room, push(room, topic, by));
        desk.audit().log(request.session(), "TOPIC " + room + " " + (topic.isEmpty() ? "(cleared)" : topic));
        request.ok();
    }

    /** The TOPIC push: {@code {type: TOPIC, room, topic, by}}. */
    static Message push(String room, String topic, String by) {
        return Message.of(ModerationVerbs.TOPIC).put("room", room).put("topic", topic).put("by", by);
    }
}
