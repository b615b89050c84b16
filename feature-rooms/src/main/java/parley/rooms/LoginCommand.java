package parley.rooms;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Sessions;
import parley.api.Verbs;
import parley.api.spi.Command;

/** {@code LOGIN "pseudo"} → {@code DISPLAY_ROOM "room1" "room2" ...}, or KO. */
public final class LoginCommand implements Command {

    @Override
    public String verb() {
        return Verbs.LOGIN;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("pseudo");
    }

    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public String help() {
        return "logs in with a pseudo; the answer lists the rooms";
    }

    @Override
    public void handle(Request request) {
        String pseudo = request.require("pseudo");
        Sessions.Claim claim = request.server().sessions().claim(request.session(), pseudo);
        switch (claim) {
            case CLAIMED -> request.reply(Message.of(Verbs.DISPLAY_ROOM)
                    .put("rooms", request.server().services().require(Rooms.class).rooms()));
            case ALREADY_LOGGED_IN -> request.ko("already logged in as " + request.session().pseudo()
                    + " on this connection");
            case TAKEN -> request.ko("pseudo '" + pseudo + "' is taken: choose another one");
            case INVALID -> request.ko("invalid pseudo '" + pseudo + "': use 1 to " + Sessions.MAX_PSEUDO_LENGTH
                    + " letters, digits, '_', '-' or '.'");
        }
    }
}
