package parley.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import parley.api.BadRequestException;
import parley.api.Message;
import parley.api.Request;
import parley.api.Session;
import parley.rooms.api.RoomDirectory;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The VOTE sequence. {@code BEGIN_SEQUENCE} with {@code action:"VOTE"}, a {@code room} and
 * {@code details.question} (and optionally {@code details.options}) asks every other member of the
 * room; they answer {@code VOTE} with the sequence id. The vote ends when nobody who can still vote
 * is left to, or at the deadline; the room gets SEQUENCE_RESULT and the initiator COMPLETE. If the
 * initiator leaves or disconnects, the vote is cancelled.
 *
 * <p>Every callback runs under the sequence's lock (the engine's guarantee), so the {@link Ballot}
 * needs no lock of its own.
 */
public final class VoteAction implements SequenceAction {

    static final List<String> YES_NO = List.of("yes", "no");

    @Override
    public String action() {
        return VoteMessages.ACTION;
    }

    @Override
    public List<String> answerTypes() {
        return List.of(VoteMessages.VOTE);
    }

    @Override
    public String help() {
        return "BEGIN_SEQUENCE action VOTE: {\"room\":..,\"details\":{\"question\":..,\"options\":[..],\"timeout_ms\":..}}";
    }

    @Override
    public void begin(Sequence sequence, Request request) {
        RoomDirectory rooms = request.server().services().require(RoomDirectory.class);
        String room = request.require("room");
        if (!rooms.exists(room)) {
            throw new BadRequestException("unknown room '" + room + "': this server has " + String.join(", ", rooms.rooms()));
        }
        if (!rooms.isMember(room, request.session())) {
            throw new BadRequestException("you are not in " + room + ": join it before starting a vote there");
        }
        ObjectNode details = sequence.details();
        int maxQuestion = request.server().config().get(VoteSettings.MAX_QUESTION);
        JsonNode question = details.get("question");
        if (question == null || !question.isString() || question.stringValue().isBlank()) {
            throw new BadRequestException("a vote needs details.question, the text to vote on");
        }
        if (question.stringValue().length() > maxQuestion) {
            throw new BadRequestException("details.question is longer than " + maxQuestion + " characters");
        }
        List<String> options = options(details.get("options"), request.server().config().get(VoteSettings.MAX_OPTIONS));

        Ballot ballot = new Ballot(rooms, room, options, request.session());
        sequence.attach(ballot);
        ObjectNode asked = details.deepCopy();
        ArrayNode optionArray = asked.putArray("options");
        options.forEach(optionArray::add);
        Message ask = Message.of(VoteMessages.VOTE_REQUEST).put(Message.SEQ, sequence.id()).put("room", room)
                .put("from", sequence.initiatorPseudo()).put("details", asked)
                .put("timeout_ms", sequence.remaining().toMillis());
        var once = request.server().encodeOnce(ask);
        ballot.asked().forEach(member -> member.send(once));
        progress(sequence, ballot);
        if (ballot.settled()) {
            finish(sequence);
        }
    }

    @Override
    public void onAnswer(Sequence sequence, Request answer) {
        Ballot ballot = sequence.attachment(Ballot.class);
        String choice = answer.message().text("vote");
        switch (ballot.cast(answer.session(), choice)) {
            case COUNTED -> {
                answer.ok();
                progress(sequence, ballot);
                if (ballot.settled()) {
                    finish(sequence);
                }
            }
            case NOT_IN_ELECTORATE -> answer.ko("you were not in " + ballot.room + " when vote " + sequence.id()
                    + " started, or you started it");
            case ALREADY_VOTED -> answer.ko("you already voted in vote " + sequence.id());
            case GONE -> answer.ko("you left " + ballot.room + ", so you can no longer vote in " + sequence.id());
            case NOT_AN_OPTION -> answer.ko("\"vote\" must be one of " + String.join(", ", ballot.options)
                    + (choice == null ? "" : ", got '" + choice + "'"));
        }
    }

    @Override
    public void onDisconnect(Sequence sequence, Session session) {
        memberGone(sequence, session, "the initiator disconnected");
    }

    @Override
    public void onDeadline(Sequence sequence) {
        finish(sequence);
    }

    @Override
    public void onAbort(Sequence sequence, String reason) {
        announceCancel(sequence, reason);
    }

    /** Tells the initiator how many have voted, of how many. */
    private static void progress(Sequence sequence, Ballot ballot) {
        sequence.initiator().send(Message.of(VoteMessages.VOTE_PROGRESS).put("id", sequence.id())
                .put("room", ballot.room).put("voted", ballot.voted()).put("expected", ballot.expected()));
    }

    /** A member left the room or disconnected; called under the sequence's lock. */
    static void memberGone(Sequence sequence, Session member, String initiatorReason) {
        Ballot ballot = sequence.attachment(Ballot.class);
        if (ballot == null) {
            return;
        }
        if (member == sequence.initiator()) {
            announceCancel(sequence, initiatorReason);
            sequence.fail("vote " + sequence.id() + " cancelled: " + initiatorReason);
            return;
        }
        ballot.drop(member);
        if (ballot.settled()) {
            finish(sequence);
        }
    }

    private static void finish(Sequence sequence) {
        Ballot ballot = sequence.attachment(Ballot.class);
        ObjectNode result = ballot.tally();
        ballot.rooms.broadcast(ballot.room, Message.of(VoteMessages.SEQUENCE_RESULT).put(Message.SEQ, sequence.id())
                .put("room", ballot.room).put("result", result), null);
        sequence.complete(result);
    }

    private static void announceCancel(Sequence sequence, String reason) {
        Ballot ballot = sequence.attachment(Ballot.class);
        if (ballot == null) {
            return;
        }
        ObjectNode result = ballot.tally().put("cancelled", true);
        ballot.rooms.broadcast(ballot.room, Message.of(VoteMessages.SEQUENCE_RESULT).put(Message.SEQ, sequence.id())
                .put("room", ballot.room).put("result", result).put("cancelled", true).put("reason", reason), null);
    }

    private static List<String> options(JsonNode given, int max) {
        if (given == null || given.isNull()) {
            return YES_NO;
        }
        if (!given.isArray() || given.size() < 2 || given.size() > max) {
            throw new BadRequestException("details.options must be a list of 2 to " + max + " choices");
        }
        List<String> options = new ArrayList<>();
        for (JsonNode item : given) {
            String option = item.isString() ? item.stringValue().strip() : "";
            if (option.isEmpty() || option.length() > 100) {
                throw new BadRequestException("each of details.options must be a text of 1 to 100 characters");
            }
            if (option.equalsIgnoreCase(VoteMessages.MISSING) || option.equalsIgnoreCase("cancelled")) {
                throw new BadRequestException("'" + option + "' is reserved in results; choose another option");
            }
            if (options.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).equals(option.toLowerCase(Locale.ROOT)))) {
                throw new BadRequestException("details.options has '" + option + "' twice");
            }
            options.add(option);
        }
        return options;
    }

    /** The details a client sends for a question and its options; for the client side. */
    static ObjectNode details(String question, List<String> options, long timeoutMillis) {
        ObjectNode details = Json.object().put("question", question);
        if (!options.isEmpty()) {
            ArrayNode array = details.putArray("options");
            options.forEach(array::add);
        }
        if (timeoutMillis > 0) {
            details.put("timeout_ms", timeoutMillis);
        }
        return details;
    }
}
