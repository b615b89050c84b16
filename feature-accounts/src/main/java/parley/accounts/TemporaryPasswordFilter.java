package parley.accounts;

import java.util.Set;

import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Verdict;
import parley.api.spi.Command;

/**
 * A session that logged in with an operator's temporary password may only choose its own password
 * (PASSWORD) and keep the connection (PING, PONG, HELP, PLUGINS, BYE) until it does: every other request
 * gets KO saying so. Runs on the reader thread after the kernel's login check; a map lookup per request.
 */
final class TemporaryPasswordFilter implements RequestFilter {

    private static final Set<String> ALLOWED = Set.of("PASSWORD", "PING", "PONG", "HELP", "PLUGINS", "BYE");

    private final Accounts accounts;

    TemporaryPasswordFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        if (ALLOWED.contains(request.message().type()) || accounts.proof(request.session()) != Proof.Kind.TEMPORARY) {
            return Verdict.pass();
        }
        return Verdict.deny("your password was reset by an operator: choose your own first with PASSWORD \"<temporary>\""
                + " \"<new password>\"");
    }

    @Override
    public int order() {
        return LOGIN_ORDER + 10;
    }
}
