package parley.moderation;

import java.util.Optional;

import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.spi.Command;

/**
 * Enforces server-wide bans at LOGIN: a banned pseudo, or any pseudo from a banned address, gets KO
 * naming the ban, its reason and its end.
 *
 * <p>A filter on LOGIN rather than an {@link parley.api.Authenticator}: the kernel stops asking
 * authenticators at the first that accepts, so a password plugin started before this one would let a
 * banned account in. A filter below the login check ({@link #order()}) sees every LOGIN, whatever the
 * authenticators decide. Runs on the reader thread; memory lookups only.
 */
final class LoginBanFilter implements RequestFilter {

    private final Moderation moderation;

    LoginBanFilter(Moderation moderation) {
        this.moderation = moderation;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        if (!Verbs.LOGIN.equals(request.message().type())) {
            return Verdict.pass();
        }
        Optional<Ban> ban = moderation.banFor(request.message().text("pseudo"), Target.address(request.session()), null);
        return ban.isPresent() ? Verdict.deny(ban.get().refusal(moderation.now())) : Verdict.pass();
    }

    @Override
    public int order() {
        return LOGIN_ORDER - 10; // sees LOGIN itself, before the kernel's login check
    }
}
