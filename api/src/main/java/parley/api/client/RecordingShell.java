package parley.api.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import parley.api.Config;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * A {@link ClientShell} that keeps every line it prints and every status it shows, for tests and for
 * programs that drive client extensions without a terminal. Thread-safe.
 */
public class RecordingShell extends ClientShell {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> statuses = Collections.synchronizedList(new ArrayList<>()); // holds nulls
    private final java.util.Queue<String> secrets = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public RecordingShell(ParleyClient client, Config config, List<ClientExtension> extensions) {
        super(client, config, extensions, List.<SlashCommand>of());
    }

    /** Every printed line, oldest first. A live view. */
    public List<String> lines() {
        return lines;
    }

    /** Every status shown, oldest first, {@code null} where it was cleared. A live view. */
    public List<String> statuses() {
        return statuses;
    }

    /** Answers the next {@link #askSecret} calls with these, in order; once they run out it answers {@code null}. */
    public void answerSecrets(String... answers) {
        secrets.addAll(List.of(answers));
    }

    @Override
    public String askSecret(String prompt) {
        return secrets.poll();
    }

    @Override
    public void print(String line) {
        lines.add(line);
    }

    /** Chat lines as {@code [room1] bob: text}, from history marked {@code · }, like {@code print}. */
    @Override
    public void show(ChatLine line) {
        lines.add(line.plain());
    }

    @Override
    public void status(String line) {
        statuses.add(line);
    }
}
