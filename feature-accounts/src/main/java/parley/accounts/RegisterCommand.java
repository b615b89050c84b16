package parley.accounts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Names;
import parley.api.Request;
import parley.api.Session;
import parley.api.spi.Command;

/**
 * {@code REGISTER "password"}: a logged-in user registers its pseudo; from then on LOGIN of that pseudo
 * (in any spelling of the same normal form) needs the password. OK, or KO when it is registered
 * already or the password is refused. Runs on the sender's reader thread, which waits for the hash.
 */
final class RegisterCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterCommand.class);

    private final Accounts accounts;

    RegisterCommand(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String verb() {
        return "REGISTER";
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("password");
    }

    @Override
    public String help() {
        return "registers your pseudo with a password: LOGIN then needs it";
    }

    @Override
    public void handle(Request request) {
        String password = request.require("password");
        Session session = request.session();
        String pseudo = session.pseudo();
        if (accounts.find(pseudo).isPresent()) {
            request.ko("'" + pseudo + "' is registered already: change its password with PASSWORD");
            return;
        }
        String problem = accounts.policy.problem(password, pseudo);
        if (problem != null) {
            request.ko(problem);
            return;
        }
        PasswordHash hash;
        try {
            hash = accounts.hasher.hash(password);
        } catch (Hasher.Busy e) {
            request.ko(e.getMessage());
            return;
        }
        if (!accounts.insert(pseudo, hash, null)) {
            request.ko("'" + pseudo + "' is registered already: change its password with PASSWORD");
            return;
        }
        accounts.prove(session, Names.key(pseudo), Proof.Kind.REGISTERED);
        LOG.info("accounts: {} registered (session {}, {})", pseudo, session.id(), session.remoteAddress());
        request.ok();
    }
}
