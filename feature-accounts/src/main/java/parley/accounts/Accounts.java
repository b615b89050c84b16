package parley.accounts;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Names;
import parley.api.Session;
import parley.api.SessionState;
import parley.api.Sessions;

/**
 * The accounts plugin's state, built by {@link AccountsFeature} and handed to the authenticator, the
 * commands and the filter: the store, the hasher, the login throttle, the password policy, and each
 * session's {@link Proof}. Thread-safe: each part is.
 */
final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    final AccountStore store;
    final Hasher hasher;
    final LoginThrottle throttle;
    final PasswordPolicy policy;
    final boolean required;
    final Duration temporaryFor;
    final InstantSource clock;
    final Sessions sessions;
    private final SessionState<AtomicReference<Proof>> proofs;

    Accounts(AccountStore store, Hasher hasher, LoginThrottle throttle, PasswordPolicy policy, boolean required,
             Duration temporaryFor, InstantSource clock, Sessions sessions, SessionState<AtomicReference<Proof>> proofs) {
        this.sessions = sessions;
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.policy = policy;
        this.required = required;
        this.temporaryFor = temporaryFor;
        this.clock = clock;
        this.proofs = proofs;
    }

    /** The account of {@code pseudo}'s normal form, if registered. */
    Optional<Account> find(String pseudo) {
        try {
            return store.find(Names.key(pseudo));
        } catch (SQLException e) {
            throw failed("reading", e);
        }
    }

    /** Registers {@code pseudo} with this hash; false when its normal form is already registered. */
    boolean insert(String pseudo, PasswordHash hash, Instant expires) {
        try {
            return store.insert(new Account(Names.key(pseudo), pseudo, hash, expires));
        } catch (SQLException e) {
            throw failed("writing", e);
        }
    }

    /** Replaces the account's password; false when the account is gone. */
    boolean update(String key, PasswordHash hash, Instant expires) {
        try {
            return store.update(key, hash, expires);
        } catch (SQLException e) {
            throw failed("writing", e);
        }
    }

    /**
     * Redoes, off the reader thread and only if a hash thread is idle enough, the hash of a password just
     * proved right but hashed at a lower cost than today's, so that raising the cost reaches every account
     * at its next login. Skipped when the password changed meanwhile.
     */
    void upgradeLater(Account account, String password) {
        if (!account.password().weakerThan(hasher.iterations()) || account.temporary()) {
            return;
        }
        hasher.offer(() -> {
            try {
                PasswordHash better = PasswordHash.of(password, hasher.iterations());
                if (store.upgrade(account.key(), account.password(), better)) {
                    LOG.info("accounts: the password hash of {} redone at {} iterations", account.pseudo(), better.iterations());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("accounts: could not redo the password hash of {}", account.pseudo(), e);
            }
        });
    }

    /** The figures of STATS and metrics: hashes, refusals for load, failed and throttled logins. */
    java.util.List<parley.api.Figure> figures() {
        return java.util.List.of(
                parley.api.Figure.counter("accounts_hashes_total", hasher.computed(), "password hashes computed"),
                parley.api.Figure.counter("accounts_hash_busy_total", hasher.refused(),
                        "password checks refused with \"server busy\" (hash threads and queue full)"),
                parley.api.Figure.gauge("accounts_hash_queue", hasher.waiting(), "password hashes waiting for a thread"),
                parley.api.Figure.counter("accounts_login_failures_total", throttle.failedTotal(), "wrong passwords given"),
                parley.api.Figure.counter("accounts_login_throttled_total", throttle.throttledTotal(),
                        "login tries refused unhashed because their account or IP must wait"));
    }

    /** Records how {@code session} holds the account {@code key}. */
    void prove(Session session, String key, Proof.Kind kind) {
        proofs.get(session).set(new Proof(key, kind));
    }

    /** Forgets what {@code session} proved (a new LOGIN starts afresh). */
    void forget(Session session) {
        AtomicReference<Proof> proof = proofs.peek(session);
        if (proof != null) {
            proof.set(null);
        }
    }

    /** How {@code session} holds the account of its pseudo, or {@code null} when it proved nothing for it. */
    Proof.Kind proof(Session session) {
        AtomicReference<Proof> ref = proofs.peek(session);
        Proof proof = ref == null ? null : ref.get();
        String pseudo = session.pseudo();
        return proof == null || pseudo == null || !proof.key().equals(Names.key(pseudo)) ? null : proof.kind();
    }

    private static IllegalStateException failed(String doing, SQLException e) {
        return new IllegalStateException("accounts database failed " + doing + ": " + e.getMessage(), e);
    }
}
