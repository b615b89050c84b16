package parley.transport.tcp;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Sessions;
import parley.api.plugin.Plugin;
import parley.api.spi.Command;

/** Commands for exercising the transport without any feature plugin. */
final class TestPlugin {

    private TestPlugin() {
    }

    static Plugin create() {
        return Plugin.builder("transport-test")
                .command(Echo::new)
                .command(Nick::new)
                .command(Shout::new)
                .command(Crash::new)
                .build();
    }

    /** {@code ECHO "text"} → {@code ECHO "text"}. */
    static final class Echo implements Command {
        @Override
        public String verb() {
            return "ECHO";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("text?");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("ECHO").put("text", String.valueOf(request.message().text("text"))));
        }
    }

    /** {@code NICK "name"}: claims a pseudo; OK or KO. */
    static final class Nick implements Command {
        @Override
        public String verb() {
            return "NICK";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("name");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            Sessions.Claim claim = request.server().sessions().claim(request.session(), request.require("name"));
            if (claim == Sessions.Claim.CLAIMED) {
                request.ok();
            } else {
                request.ko(claim.name());
            }
        }
    }

    /** {@code SHOUT "text"}: pushed once-encoded to every other logged-in session, then OK. */
    static final class Shout implements Command {
        @Override
        public String verb() {
            return "SHOUT";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("from", "text");
        }

        @Override
        public void handle(Request request) {
            var push = request.server().encodeOnce(Message.of("SHOUT")
                    .put("from", request.session().pseudo()).put("text", request.require("text")));
            for (var session : request.server().sessions().loggedIn()) {
                if (session != request.session()) {
                    session.send(push);
                }
            }
            request.ok();
        }
    }

    /** {@code CRASH}: a plugin bug. */
    static final class Crash implements Command {
        @Override
        public String verb() {
            return "CRASH";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            throw new IllegalStateException("boom");
        }
    }
}
