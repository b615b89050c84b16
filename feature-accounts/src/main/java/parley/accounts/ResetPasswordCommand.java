package parley.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.Request;
import parley.api.Session;
import parley.api.spi.Command;

/**
 * {@code RESET_PASSWORD "pseudo"}, for server operators ({@link Session#operator()}): replaces the
 * account's password with a temporary one the server makes (16 random letters and digits), answered to
 * the operator only: {@code RESET_PASSWORD "pseudo" "temporary"}. The operator hands it to the user, who
 * logs in with it within {@code accounts.temporary-for}; until that session sets its own password with
 * PASSWORD, it may do nothing else ({@link TemporaryPasswordFilter}). The account stays registered
 * throughout, so nobody can take the pseudo first come meanwhile. Logged with the operator's name.
 */
final class ResetPasswordCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ResetPasswordCommand.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY345679";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;

    ResetPasswordCommand(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String verb() {
        return "RESET_PASSWORD";
    }

    /** The request takes the pseudo; the answer adds the temporary password. */
    @Override
    public List<String> legacyArgs() {
        return List.of("pseudo", "password?");
    }

    @Override
    public String help() {
        return "operators: gives an account a temporary password, answered to you only";
    }

    @Override
    public void handle(Request request) {
        String pseudo = request.require("pseudo");
        Session session = request.session();
        if (!session.operator()) {
            request.ko("RESET_PASSWORD is for server operators (pseudos in the operators setting, logged in with"
                    + " their password)");
            return;
        }
        if (request.message().has("password")) {
            request.ko("RESET_PASSWORD takes only the pseudo: the server makes the temporary password");
            return;
        }
        Account account = accounts.find(pseudo).orElse(null);
        if (account == null) {
            request.ko("'" + pseudo + "' is not registered: there is no password to reset");
            return;
        }
        String temporary = temporary();
        PasswordHash hash;
        try {
            hash = accounts.hasher.hash(temporary);
        } catch (Hasher.Busy e) {
            request.ko(e.getMessage());
            return;
        }
        Instant expires = accounts.clock.instant().plus(accounts.temporaryFor);
        if (!accounts.update(account.key(), hash, expires)) {
            request.ko("'" + pseudo + "' is no longer registered: there is no password to reset");
            return;
        }
        accounts.throttle.succeeded(account.key());
        LOG.info("operator {} (session {}, {}) reset the password of {}; the temporary password works until {}",
                session.pseudo(), session.id(), session.remoteAddress(), account.pseudo(), expires);
        request.reply(Message.of(verb()).put("pseudo", account.pseudo()).put("password", temporary)
                .put("expires", expires.toString()));
    }

    private static String temporary() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
