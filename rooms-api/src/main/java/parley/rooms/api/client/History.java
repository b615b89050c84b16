package parley.rooms.api.client;

import java.util.ArrayList;
import java.util.List;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code HISTORY} requests (the history plugin's verb) for a {@link ParleyClient}: a room's latest
 * events, or every event after an id, paging as needed. Each event is exactly as it was pushed, with its
 * {@code id} and {@code time}. Throws {@link parley.api.client.RefusedException} on KO (not a member)
 * and {@link parley.api.client.ClientException} on ERROR (no history plugin: "unknown type").
 * Thread-safe.
 */
public final class History {

    /** The most a HISTORY answer holds. */
    public static final int PAGE = 500;

    private History() {
    }

    /** The latest {@code limit} events of the room (1 to 500), oldest first. */
    public static List<Message> latest(ParleyClient client, String room, int limit) {
        return messages(client.expect(Message.of("HISTORY").put("room", room).put("limit", (long) limit), "HISTORY"));
    }

    /**
     * Every event of the room with an id above {@code after}, oldest first, as many pages as it takes
     * (at most {@code max} events: the oldest of them). The log may have dropped events older than its
     * retention: the first id then is more than {@code after + 1}.
     */
    public static List<Message> after(ParleyClient client, String room, long after, int max) {
        List<Message> all = new ArrayList<>();
        long from = after;
        while (all.size() < max) {
            Message page = client.expect(Message.of("HISTORY").put("room", room).put("after", from)
                    .put("limit", (long) Math.min(PAGE, max - all.size())), "HISTORY");
            List<Message> messages = messages(page);
            all.addAll(messages);
            JsonNode more = page.get("more");
            if (messages.isEmpty() || more == null || !more.booleanValue()) {
                break;
            }
            from = messages.get(messages.size() - 1).get("id").longValue();
        }
        return all;
    }

    private static List<Message> messages(Message answer) {
        List<Message> out = new ArrayList<>();
        JsonNode messages = answer.get("messages");
        if (messages != null) {
            messages.valueStream().forEach(m -> out.add(Message.wrap((ObjectNode) m)));
        }
        return out;
    }
}
