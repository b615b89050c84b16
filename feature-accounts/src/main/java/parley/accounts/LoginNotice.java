package parley.accounts;

import parley.api.LoginListener;
import parley.api.Message;
import parley.api.Session;

/**
 * Fills in the LOGIN answer ({@code DISPLAY_ROOM}) when the login did something to the account: the
 * field {@code account} is {@code "created"} (LOGIN created it, {@code accounts.required}) or
 * {@code "temporary"} (an operator's temporary password: choose your own with PASSWORD), with a
 * {@code notice} in words. Framed form only: the legacy {@code DISPLAY_ROOM} line lists rooms.
 * Runs on the reader thread; never blocks.
 */
final class LoginNotice implements LoginListener {

    private final Accounts accounts;

    LoginNotice(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void loggedIn(Session session, Message answer) {
        Proof.Kind kind = accounts.proof(session);
        if (kind == Proof.Kind.CREATED) {
            answer.put("account", "created").put("notice", "account '" + session.pseudo()
                    + "' created with this password: LOGIN needs it from now on");
        } else if (kind == Proof.Kind.TEMPORARY) {
            answer.put("account", "temporary").put("notice", "you logged in with a temporary password: choose your own"
                    + " with PASSWORD \"<temporary>\" \"<new password>\" before anything else");
        }
    }
}
