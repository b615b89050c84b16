package parley.accounts;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import parley.api.Config;
import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/**
 * The accounts plugin's composition root: opens the accounts' database in {@code data-dir}, starts the
 * hash threads, and hands them with the throttle and the policy to LOGIN's password check, REGISTER,
 * PASSWORD, RESET_PASSWORD, the temporary-password filter and the login answer's notice.
 */
public final class AccountsFeature implements ServerFeature {

    private AccountStore store;
    private Hasher hasher;

    @Override
    public void start(ServerContext context) throws Exception {
        Config config = context.config();
        store = AccountStore.open(config.get(AccountsSettings.DATA_DIR));
        try {
            hasher = new Hasher(config.get(AccountsSettings.HASH_THREADS), config.get(AccountsSettings.HASH_QUEUE),
                    config.get(AccountsSettings.HASH_ITERATIONS));
            Duration max = config.get(AccountsSettings.MAX_DELAY);
            LoginThrottle throttle = new LoginThrottle(InstantSource.system(), config.get(AccountsSettings.FREE_FAILURES),
                    config.get(AccountsSettings.FREE_FAILURES_PER_IP), config.get(AccountsSettings.FIRST_DELAY), max,
                    AccountsSettings.FORGET_AFTER);
            PasswordPolicy policy = new PasswordPolicy(config.get(AccountsSettings.MIN_PASSWORD),
                    config.get(AccountsSettings.MAX_PASSWORD));
            Accounts accounts = new Accounts(store, hasher, throttle, policy, config.get(AccountsSettings.REQUIRED),
                    config.get(AccountsSettings.TEMPORARY_FOR), InstantSource.system(),
                    context.sessions(), context.sessionState(AtomicReference::new));
            context.addAuthenticator(new PasswordLogin(accounts));
            context.onLogin(new LoginNotice(accounts));
            context.addFilter(new TemporaryPasswordFilter(accounts));
            context.register(new RegisterCommand(accounts));
            context.register(new PasswordCommand(accounts));
            context.register(new ResetPasswordCommand(accounts));
            context.addFigures(accounts::figures);
            context.scheduler().every(Duration.ofMinutes(1), throttle::sweep);
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (hasher != null) {
            hasher.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
