package parley.accounts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Request;
import parley.api.Session;
import parley.api.spi.Command;

/**
 * {@code PASSWORD "old" "new"}: changes the password of the sender's pseudo. Only for a session that
 * holds its account: it logged in with the password ({@link Session#authenticated()}) or registered the
 * pseudo itself; and the old password must be right (a wrong one counts as a failed login). Also how a
 * user who logged in with an operator's temporary password chooses its own. Runs on the reader thread,
 * which waits for two hashes.
 */
final class PasswordCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordCommand.class);

    private final Accounts accounts;

    PasswordCommand(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String verb() {
        return "PASSWORD";
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("old", "password");
    }

    @Override
    public String help() {
        return "changes your password: PASSWORD \"old\" \"new\"";
    }

    @Override
    public void handle(Request request) {
        String old = request.require("old");
        String password = request.require("password");
        Session session = request.session();
        String pseudo = session.pseudo();
        Account account = accounts.find(pseudo).orElse(null);
        if (account == null) {
            request.ko("'" + pseudo + "' is not registered: register it with REGISTER");
            return;
        }
        if (!session.authenticated() && accounts.proof(session) == null) {
            request.ko("you did not log in with the password of '" + account.pseudo()
                    + "': log in again with LOGIN \"" + pseudo + "\" \"<password>\", then change it");
            return;
        }
        String problem = accounts.policy.problem(password, pseudo);
        if (problem != null) {
            request.ko(problem);
            return;
        }
        String address = PasswordLogin.address(session);
        String wait = accounts.throttle.refusal(account.key(), account.pseudo(), address);
        if (wait != null) {
            request.ko(wait);
            return;
        }
        PasswordHash hash;
        try {
            if (accounts.policy.tooLong(old) || !accounts.hasher.verify(old, account.password())) {
                accounts.throttle.failed(account.key(), address);
                request.ko("old password wrong for '" + account.pseudo() + "': give the password you log in with");
                return;
            }
            hash = accounts.hasher.hash(password);
        } catch (Hasher.Busy e) {
            request.ko(e.getMessage());
            return;
        }
        accounts.throttle.succeeded(account.key());
        if (!accounts.update(account.key(), hash, null)) {
            request.ko("'" + pseudo + "' is no longer registered: register it with REGISTER");
            return;
        }
        accounts.prove(session, account.key(), Proof.Kind.PASSWORD);
        LOG.info("accounts: {} changed its password (session {}, {})", pseudo, session.id(), session.remoteAddress());
        request.ok();
    }
}
