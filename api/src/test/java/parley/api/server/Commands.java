package parley.api.server;

import java.util.function.Consumer;

import parley.api.Request;
import parley.api.spi.Command;

/** Small commands for the kernel's tests. */
final class Commands {

    private Commands() {
    }

    /** A command of this verb that runs {@code body}; it requires login. */
    static Command of(String verb, Consumer<Request> body) {
        return of(verb, true, body);
    }

    static Command of(String verb, boolean requiresLogin, Consumer<Request> body) {
        return new Command() {
            @Override
            public String verb() {
                return verb;
            }

            @Override
            public boolean requiresLogin() {
                return requiresLogin;
            }

            @Override
            public void handle(Request request) {
                body.accept(request);
            }
        };
    }
}
