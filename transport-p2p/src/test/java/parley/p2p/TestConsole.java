package parley.p2p;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.client.RecordingShell;
import parley.p2p.client.P2pClientExtension;

/**
 * The interactive client without a terminal, with the P2P extension: pushes go to the extension,
 * typed lines run its slash commands, and printed lines are kept. Thread-safe.
 */
final class TestConsole extends RecordingShell {

    final List<String> lines = lines();
    final List<String> statuses = statuses();

    TestConsole(ParleyClient client, Map<String, String> settings) {
        this(client, settings, true);
    }

    /** With {@code toldOfLogin} false, the extension is not told of the login yet: {@link #loggedIn()} does it. */
    TestConsole(ParleyClient client, Map<String, String> settings, boolean toldOfLogin) {
        super(client, Config.of(settings), List.of(new P2pClientExtension()));
        if (toldOfLogin) {
            loggedIn();
        }
    }

    /** Runs a typed {@code /command args} line, showing a failure as the console does. */
    void type(String line) {
        run(line);
    }

    String awaitLine(Predicate<String> matching) {
        await().atMost(P2pServer.LONG).until(() -> lines.stream().anyMatch(matching));
        return lines.stream().filter(matching).findFirst().orElseThrow();
    }
}
