package parley.vote;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.Message;
import parley.api.Setting;
import parley.api.Verbs;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.client.CurrentRoom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The interactive client's votes: {@code /vote} asks the current room, with a live status line;
 * {@code /yes}, {@code /no} and {@code /choose} answer the latest question; results are shown to all.
 * Client setting: {@code vote.timeout} (default 30s), the deadline asked for.
 */
public final class VoteClient implements ClientExtension {

    static final Setting<Duration> TIMEOUT = Setting.duration("vote.timeout", Duration.ofSeconds(30),
            "how long your votes stay open");

    /** Open questions asked of this user, by sequence id. */
    private final Map<String, Message> asked = new ConcurrentHashMap<>();
    private volatile String latest;
    private volatile SequenceHandle mine;
    private volatile String progress = "0/?";

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("vote", "<question> [| a | b ...]",
                        "ask the current room; yes/no, or the choices after |", this::vote),
                new SlashCommand("yes", "", "answer yes to the latest question", (args, ctx) -> answer("yes", ctx)),
                new SlashCommand("no", "", "answer no to the latest question", (args, ctx) -> answer("no", ctx)),
                new SlashCommand("choose", "<choice>", "answer the latest multiple-choice question", (args, ctx) -> answer(args, ctx)));
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        switch (push.type()) {
            case VoteMessages.VOTE_REQUEST -> {
                String id = push.text(Message.SEQ);
                asked.put(id, push);
                latest = id;
                JsonNode details = push.get("details");
                List<String> options = options(details);
                String how = options.equals(VoteAction.YES_NO) ? "answer /yes or /no"
                        : "answer /choose <" + String.join(" | ", options) + ">";
                context.print("? " + push.text("from") + " asks " + push.text("room") + ": "
                        + details.path("question").asString() + "   (" + how + ", within "
                        + push.number("timeout_ms", 0) / 1000 + " s)");
            }
            case VoteMessages.VOTE_PROGRESS -> progress = push.number("voted", 0) + "/" + push.number("expected", 0);
            case VoteMessages.SEQUENCE_RESULT -> {
                asked.remove(push.text(Message.SEQ));
                context.print("= vote " + push.text(Message.SEQ) + " in " + push.text("room") + ": " + describe(push));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void vote(String args, ClientContext context) {
        String room = CurrentRoom.of(context).get();
        if (room == null) {
            throw new IllegalArgumentException("join a room first: votes are asked of a room");
        }
        if (args.isBlank()) {
            throw new IllegalArgumentException("what is the question? /vote Pizza tonight?");
        }
        SequenceHandle running = mine;
        if (running != null && !running.isDone()) {
            throw new IllegalStateException("your vote is still running: wait for its result");
        }
        String[] parts = args.split("\\|");
        List<String> options = Arrays.stream(parts).skip(1).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Duration timeout = context.config().get(TIMEOUT);
        ObjectNode details = VoteAction.details(parts[0].strip(), options, timeout.toMillis());
        progress = "0/?";
        SequenceHandle handle = context.client().beginSequence(VoteMessages.ACTION, room, details,
                timeout.plusSeconds(10));
        mine = handle;
        Instant deadline = Instant.now().plus(timeout);
        handle.ack().thenAccept(ack -> {
            if (Verbs.ACK.equals(ack.type())) {
                Thread.ofVirtual().start(() -> showStatus(handle, deadline, context));
            }
        });
        handle.result().whenComplete((result, error) -> {
            context.status(null);
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
                context.print("! your vote did not complete: "
                        + (cause instanceof RefusedException r ? r.reason() : String.valueOf(cause.getMessage())));
            }
        });
    }

    private void showStatus(SequenceHandle handle, Instant deadline, ClientContext context) {
        while (!handle.isDone()) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
            context.status("waiting for votes: " + progress + ", " + left + " s left");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
        context.status(null);
    }

    private void answer(String choice, ClientContext context) {
        String id = latest;
        if (id == null || !asked.containsKey(id)) {
            throw new IllegalStateException("no open question to answer");
        }
        if (choice.isBlank()) {
            throw new IllegalArgumentException("which choice? " + String.join(" | ", options(asked.get(id).get("details"))));
        }
        Message reply = context.client().call(Message.of(VoteMessages.VOTE).put(Message.SEQ, id).put("vote", choice),
                Duration.ofSeconds(30));
        if (Verbs.OK.equals(reply.type())) {
            asked.remove(id);
            context.print("voted " + choice + " in " + id);
        } else {
            context.print("! " + reply.text("reason"));
        }
    }

    private static List<String> options(JsonNode details) {
        JsonNode options = details == null ? null : details.get("options");
        if (options == null || !options.isArray()) {
            return VoteAction.YES_NO;
        }
        return options.valueStream().map(JsonNode::asString).toList();
    }

    private static String describe(Message result) {
        JsonNode tally = result.get("result");
        StringBuilder out = new StringBuilder();
        if (result.body().path("cancelled").asBoolean(false)) {
            out.append("cancelled (").append(result.text("reason")).append("); so far ");
        }
        tally.properties().forEach(e -> {
            if (!e.getKey().equals("cancelled")) {
                out.append(e.getKey()).append(' ').append(e.getValue().asString()).append(", ");
            }
        });
        return out.substring(0, Math.max(0, out.length() - 2));
    }
}
