package parley.p2p;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.spi.ClientContext;
import parley.api.spi.SlashCommand;
import parley.p2p.client.P2pClientExtension;

/**
 * The interactive client without a terminal: pushes go to the extension as the console sends them,
 * typed lines run its slash commands, and printed lines are kept. Thread-safe.
 */
final class TestConsole implements ClientContext {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> statuses = new CopyOnWriteArrayList<>();
    private final ParleyClient client;
    private final Config config;
    private final P2pClientExtension extension = new P2pClientExtension();

    TestConsole(ParleyClient client, Map<String, String> settings) {
        this.client = client;
        this.config = Config.of(settings);
        client.onPush(push -> {
            if (!extension.onPush(push, this)) {
                lines.add("< " + push);
            }
        });
        extension.onLogin(this);
    }

    /** Runs a typed {@code /command args} line, showing a failure as the console does. */
    void type(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line.substring(1) : line.substring(1, space);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        SlashCommand command = extension.commands().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no command /" + name));
        try {
            command.handler().run(args, this);
        } catch (Exception e) {
            lines.add("! " + e.getMessage());
        }
    }

    String awaitLine(Predicate<String> matching) {
        await().atMost(P2pServer.LONG).until(() -> lines.stream().anyMatch(matching));
        return lines.stream().filter(matching).findFirst().orElseThrow();
    }

    @Override
    public ParleyClient client() {
        return client;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public String pseudo() {
        return client.pseudo();
    }

    @Override
    public String currentRoom() {
        return null;
    }

    @Override
    public void setCurrentRoom(String room) {
    }

    @Override
    public void print(String line) {
        lines.add(line);
    }

    @Override
    public void status(String line) {
        if (line != null) {
            statuses.add(line);
        }
    }
}
