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
    /** The question of each vote this user asked or was asked, by sequence id: people see questions, not ids. */
    private final Map<String, String> questions = new ConcurrentHashMap<>();
    /** Answers on their way, by sequence id: a result that comes meanwhile prints after the acknowledgement. */
    private final Map<String, java.util.concurrent.CompletableFuture<Void>> answering = new ConcurrentHashMap<>();
    /** Guards the status line, so that a progress update never lands after the vote ended and cleared it. */
    private final Object statusLock = new Object();

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
                questions.put(id, details.path("question").asString());
                List<String> options = options(details);
                String how = options.equals(VoteAction.YES_NO) ? "answer /yes or /no"
                        : "answer /choose <" + String.join(" | ", options) + ">";
                context.print("? " + push.text("from") + " asks " + push.text("room") + ": "
                        + details.path("question").asString() + "   (" + how + ", within "
                        + push.number("timeout_ms", 0) / 1000 + " s)");
            }
            case VoteMessages.VOTE_PROGRESS -> progress = push.number("voted", 0) + "/" + push.number("expected", 0);
            case VoteMessages.SEQUENCE_RESULT -> {
                String id = push.text(Message.SEQ);
                asked.remove(id);
                String question = questions.remove(id);
                String line = "= vote in " + push.text("room") + (question == null ? "" : " \"" + question + "\"")
                        + ": " + describe(push);
                var pending = answering.get(id);
                if (pending == null) {
                    context.print(line);
                } else {
                    pending.thenRun(() -> context.print(line)); // after "voted ..."
                }
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
        String question = parts[0].strip();
        handle.ack().thenAccept(ack -> {
            if (Verbs.ACK.equals(ack.type())) {
                if (ack.text("id") != null) {
                    questions.putIfAbsent(ack.text("id"), question);
                }
                Thread.ofVirtual().start(() -> showStatus(handle, deadline, context));
            }
        });
        handle.result().whenComplete((result, error) -> {
            synchronized (statusLock) {
                context.status(null);
            }
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
                context.print("! your vote did not complete: "
                        + (cause instanceof RefusedException r ? r.reason() : String.valueOf(cause.getMessage())));
            }
        });
    }

    private void showStatus(SequenceHandle handle, Instant deadline, ClientContext context) {
        while (true) {
            synchronized (statusLock) { // the result's clearing is under this lock too: it comes last
                if (handle.isDone()) {
                    return;
                }
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
                context.status("waiting for votes: " + progress + ", " + left + " s left");
            }
            try {
                handle.result().handle((r, e) -> r).get(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // a second passed: show the countdown again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    private void answer(String choice, ClientContext context) {
        String id = latest;
        if (id == null || !asked.containsKey(id)) {
            throw new IllegalStateException("no open question to answer");
        }
        if (choice.isBlank()) {
            throw new IllegalArgumentException("which choice? " + String.join(" | ", options(asked.get(id).get("details"))));
        }
        Message request = asked.get(id);
        String question = questions.get(id); // read now: the result may come, and take it, before the answer's OK
        var done = new java.util.concurrent.CompletableFuture<Void>();
        answering.put(id, done);
        try {
            Message reply = context.client().call(Message.of(VoteMessages.VOTE).put(Message.SEQ, id).put("vote", choice),
                    Duration.ofSeconds(30));
            if (Verbs.OK.equals(reply.type())) {
                asked.remove(id);
                context.print("voted " + choice + (question == null ? "" : " on \"" + question + "\"")
                        + (request == null ? "" : " in " + request.text("room")));
            } else {
                context.print("! " + reply.text("reason"));
            }
        } finally {
            answering.remove(id, done);
            done.complete(null);
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
