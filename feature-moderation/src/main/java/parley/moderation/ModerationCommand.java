package parley.moderation;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Names;
import parley.api.Request;
import parley.api.Session;
import parley.api.spi.Command;

/**
 * What every moderation verb does first: read the room, check the sender's rights, and turn a bad value
 * into KO naming it and a database failure into KO saying nothing was changed. Runs on the sender's reader
 * thread; a database write may block it briefly (an operator's action, never a member's message).
 */
abstract class ModerationCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ModerationCommand.class);

    protected final Desk desk;

    ModerationCommand(Desk desk) {
        this.desk = desk;
    }

    @Override
    public final void handle(Request request) {
        try {
            act(request);
        } catch (IllegalArgumentException e) {
            request.ko(e.getMessage());
        } catch (SQLException e) {
            LOG.warn("{} by {} could not be saved", verb(), request.session().pseudo(), e);
            request.ko(verb() + " could not be saved in the moderation database (" + e.getMessage()
                    + "): nothing was changed; the server logged it");
        }
    }

    /** Handles the request; throws {@link IllegalArgumentException} for a KO naming what is wrong. */
    abstract void act(Request request) throws SQLException;

    /** The request's {@code room}, which must exist. */
    String room(Request request) {
        String room = request.require("room");
        if (!desk.rooms().exists(room)) {
            throw new IllegalArgumentException(desk.unknown(room));
        }
        return room;
    }

    /** The request's {@code pseudo}, which must be well formed. */
    static String pseudo(Request request) {
        String pseudo = request.require("pseudo");
        String problem = Names.problem(pseudo);
        if (problem != null) {
            throw new IllegalArgumentException("bad pseudo '" + Term.brief(pseudo) + "': " + problem);
        }
        return pseudo;
    }

    /** The request's optional {@code reason}, checked; empty when absent. */
    static String reason(Request request) {
        String reason = request.message().text("reason");
        if (reason == null) {
            return "";
        }
        String problem = Text.problem(reason, ModerationSettings.MAX_REASON_LENGTH, "the reason");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return reason.strip();
    }

    /** Refuses unless the sender may moderate {@code room} (one of its operators, or a server operator). */
    void requireRoomOperator(Request request, String room) {
        if (!desk.moderation().isRoomOperator(room, request.session())) {
            throw new IllegalArgumentException(verb() + " needs an operator of " + room
                    + ": you are not one (a server operator makes room operators with OP; operators must log in"
                    + " with their password)");
        }
    }

    /** Refuses unless the sender is a server operator. */
    /**
     * The scope of a ban or its lifting: {@link Ban#SERVER} ({@code *}, for a server operator) or a room
     * (for one of its operators), checked.
     *
     * @throws IllegalArgumentException naming the missing right or the unknown room
     */
    String banScope(Request request) {
        if (Ban.SERVER.equals(request.require("room"))) {
            requireServerOperator(request, "a server-wide " + verb() + " (room *)");
            return Ban.SERVER;
        }
        String room = room(request);
        requireRoomOperator(request, room);
        return room;
    }

    void requireServerOperator(Request request, String what) {
        if (!request.session().operator()) {
            throw new IllegalArgumentException(what + " needs a server operator: you are not one (server operators"
                    + " are listed in the operators setting and log in with their password)");
        }
    }

    /**
     * Refuses an action against oneself, or against a server operator by someone who is not one.
     */
    void requireFairTarget(Request request, String pseudo) {
        Session me = request.session();
        if (Names.key(pseudo).equals(Names.key(me.pseudo()))) {
            throw new IllegalArgumentException("you cannot " + verb() + " yourself");
        }
        desk.online(pseudo).filter(Session::operator).ifPresent(op -> {
            if (!me.operator()) {
                throw new IllegalArgumentException(op.pseudo() + " is a server operator: only another server operator may "
                        + verb() + " them");
            }
        });
    }
}
