package parley.accounts;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Authenticator;
import parley.api.Message;
import parley.api.Names;
import parley.api.Session;

/**
 * LOGIN's password check. A registered pseudo needs its password: right, the login is accepted (the
 * session is {@link Session#authenticated()}); missing or wrong, KO. An unregistered pseudo passes (first
 * come, as the protocol's notes say), unless {@code accounts.required}: then LOGIN without a password
 * gets KO saying how to get an account, and LOGIN with an acceptable password creates the account.
 *
 * <p>Every KO that asks for a password starts with {@code "password "}, which is how a client knows to
 * ask for one. Tries are throttled ({@link LoginThrottle}) before any hash is computed, and hashes run on
 * the {@link Hasher}'s threads while this reader thread waits.
 *
 * <p><b>Threading.</b> Called on the session's reader thread during LOGIN; blocks on a database read and
 * on the hash (hundreds of milliseconds, parked, off the carrier). <b>Failure.</b> A database error throws:
 * the kernel logs it and answers KO "internal error" (fails closed).
 */
final class PasswordLogin implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);

    private final Accounts accounts;

    PasswordLogin(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Decision authenticate(Session session, String pseudo, Message login) {
        accounts.forget(session);
        String password = login.text("password");
        Optional<Account> found = accounts.find(pseudo);
        if (found.isEmpty()) {
            if (!accounts.required) {
                return Decision.pass();
            }
            Decision created = create(session, pseudo, password);
            if (created != null) {
                return created;
            }
            found = accounts.find(pseudo); // registered by another LOGIN meanwhile: check against it
            if (found.isEmpty()) {
                return Decision.refuse("internal error creating the account '" + pseudo + "': try again");
            }
        }
        return check(session, pseudo, password, found.get());
    }

    /** {@code accounts.required} and no account: create it, or say how; {@code null} if it appeared meanwhile. */
    private Decision create(Session session, String pseudo, String password) {
        if (password == null) {
            return Decision.refuse("password needed: this server requires an account; LOGIN \"" + pseudo
                    + "\" \"<password>\" creates the account '" + pseudo + "' (a password of at least "
                    + accounts.policy.min() + " characters)");
        }
        if (accounts.sessions.byPseudo(pseudo).isPresent()) {
            return Decision.refuse("pseudo '" + pseudo + "' is taken: choose another one"); // create nothing for it
        }
        String problem = accounts.policy.problem(password, pseudo);
        if (problem != null) {
            return Decision.refuse(problem + "; this server requires an account, and LOGIN with a password creates '"
                    + pseudo + "'");
        }
        PasswordHash hash;
        try {
            hash = accounts.hasher.hash(password);
        } catch (Hasher.Busy e) {
            return Decision.refuse(e.getMessage());
        }
        if (!accounts.insert(pseudo, hash, null)) {
            return null;
        }
        LOG.info("accounts: {} created by LOGIN (session {}, {})", pseudo, session.id(), session.remoteAddress());
        accounts.prove(session, Names.key(pseudo), Proof.Kind.CREATED);
        return Decision.accept();
    }

    private Decision check(Session session, String pseudo, String password, Account account) {
        if (password == null) {
            return Decision.refuse("password needed: '" + account.pseudo() + "' is registered; log in with LOGIN \""
                    + pseudo + "\" \"<password>\"");
        }
        if (accounts.policy.tooLong(password)) {
            return Decision.refuse("password wrong for '" + account.pseudo() + "': longer than any password ("
                    + accounts.policy.maxBytes() + " bytes at most)");
        }
        String address = address(session);
        String wait = accounts.throttle.refusal(account.key(), account.pseudo(), address);
        if (wait != null) {
            return Decision.refuse(wait);
        }
        boolean right;
        try {
            right = accounts.hasher.verify(password, account.password());
        } catch (Hasher.Busy e) {
            return Decision.refuse(e.getMessage());
        }
        if (!right) {
            accounts.throttle.failed(account.key(), address);
            int failures = accounts.throttle.failures(account.key());
            int free = accounts.throttle.freeFailures();
            LOG.info("accounts: wrong password for {} from {} ({} failures)", account.pseudo(), address, failures);
            return Decision.refuse("password wrong for '" + account.pseudo() + "'" + (failures < free
                    ? " (" + (free - failures) + " more tries, then each try must wait longer)"
                    : " (the next try must wait " + accounts.throttle.delay(failures - free).toSeconds() + "s)"));
        }
        if (account.temporary() && !accounts.clock.instant().isBefore(account.expires())) {
            return Decision.refuse("password expired: the temporary password of '" + account.pseudo()
                    + "' is too old; ask a server operator for another RESET_PASSWORD");
        }
        accounts.throttle.succeeded(account.key());
        accounts.upgradeLater(account, password);
        accounts.prove(session, account.key(), account.temporary() ? Proof.Kind.TEMPORARY : Proof.Kind.PASSWORD);
        return Decision.accept();
    }

    /** The address failures are counted by: the remote IP, without the port. */
    static String address(Session session) {
        var remote = session.remoteAddress();
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress();
    }
}
