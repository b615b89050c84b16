package parley.vote;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import parley.api.Session;
import parley.api.PayloadForm;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDirectory;
import parley.api.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one vote: who may vote, who still can, and what was cast.
 *
 * <p>The electorate is every other member of the room when the vote starts. Legacy members are in it
 * but cannot vote (their form has no seq to answer with), so they count as missing without holding
 * the vote open. Not thread-safe on its own: it is only touched under its sequence's lock.
 */
final class Ballot {

    /** What happened to a vote cast. */
    enum Cast { COUNTED, NOT_IN_ELECTORATE, ALREADY_VOTED, GONE, NOT_AN_OPTION }

    final RoomDirectory rooms;
    final String room;
    final List<String> options;
    private final Map<Session, String> electorate = new LinkedHashMap<>();
    private final Set<Session> pending = new LinkedHashSet<>();
    private final Map<Session, String> votes = new LinkedHashMap<>();

    Ballot(RoomDirectory rooms, String room, List<String> options, Session initiator) {
        this.rooms = rooms;
        this.room = room;
        this.options = List.copyOf(options);
        for (Member member : rooms.members(room)) {
            Session session = member.session();
            // a member whose connection dropped (it may resume) cannot answer: not asked, not waited for
            if (session != initiator && session.isOpen()) {
                electorate.put(session, member.pseudo());
                if (session.form() == PayloadForm.JSON) {
                    pending.add(session);
                }
            }
        }
    }

    /** The members asked to vote: framed, in the room at the start, not the initiator. */
    Set<Session> asked() {
        return Set.copyOf(pending);
    }

    Cast cast(Session voter, String choice) {
        if (!electorate.containsKey(voter)) {
            return Cast.NOT_IN_ELECTORATE;
        }
        if (votes.containsKey(voter)) {
            return Cast.ALREADY_VOTED;
        }
        if (!pending.contains(voter)) {
            return Cast.GONE;
        }
        String option = option(choice);
        if (option == null) {
            return Cast.NOT_AN_OPTION;
        }
        votes.put(voter, option);
        pending.remove(voter);
        return Cast.COUNTED;
    }

    /** The option matching {@code choice} regardless of case, or {@code null}. */
    String option(String choice) {
        return choice == null ? null
                : options.stream().filter(o -> o.equalsIgnoreCase(choice.strip())).findFirst().orElse(null);
    }

    /** A member left or disconnected: it can no longer vote. */
    void drop(Session member) {
        pending.remove(member);
    }

    /** True when nobody who can still vote is left to vote. */
    boolean settled() {
        return pending.isEmpty();
    }

    int voted() {
        return votes.size();
    }

    int expected() {
        return electorate.size();
    }

    /** {"yes":N,"no":M,"missing":K}: a count per option, then those who did not vote. */
    ObjectNode tally() {
        ObjectNode result = Json.object();
        options.forEach(o -> result.put(o, 0));
        votes.values().forEach(o -> result.put(o, result.get(o).intValue() + 1));
        result.put(VoteMessages.MISSING, electorate.size() - votes.size());
        return result;
    }
}
