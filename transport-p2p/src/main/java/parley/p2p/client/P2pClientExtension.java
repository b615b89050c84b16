package parley.p2p.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import parley.api.Message;
import parley.api.client.Progress;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * P2P in the interactive client: {@code /p2p <pseudo>} sets up a link, {@code /p2p} lists them,
 * {@code /w <pseudo> <text>} sends over one, {@code /wfile <pseudo> <path>} sends a file with a
 * progress bar, {@code /unlink <pseudo>} closes one, {@code /accept} and {@code /refuse} answer a
 * question (with {@code p2p.accept=ask}). It swallows every {@code P2P_} push, which its
 * {@link P2pClient} handles, so an invite (and its token) is never printed.
 *
 * <p>Settings: {@link P2pClientSettings}, given as {@code parley client --set p2p.accept=always}.
 * Threading: commands run on the input thread and never wait for a link; events print from the
 * link threads through {@link ClientContext#print}, which is thread-safe.
 */
public final class P2pClientExtension implements ClientExtension {

    /** The most {@code P2P_} pushes kept from before login's end, for the client when it starts. */
    static final int EARLY_PUSHES = 64;

    private volatile P2pClient p2p;
    /** Guards {@link #early} and the start of {@link #p2p}. */
    private final Object starting = new Object();
    /**
     * {@code P2P_} pushes that came before {@link #onLogin} started the client: a request can reach the
     * server's other side as soon as LOGIN is answered, before the shell tells the extensions. Handed to
     * the client when it starts; {@code null} from then on.
     */
    private List<Message> early = new ArrayList<>();

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("p2p", "[pseudo]", "set up a direct link with a user; alone, list your links", this::p2p),
                new SlashCommand("w", "<pseudo> <text>", "send a private message over your link with a user", this::whisper),
                new SlashCommand("wfile", "<pseudo> <path>", "send a file over your link with a user", this::sendFile),
                new SlashCommand("unlink", "<pseudo> [why]", "close your link with a user", this::unlink),
                new SlashCommand("accept", "[pseudo]", "accept a link someone asks for", this::accept),
                new SlashCommand("refuse", "[pseudo]", "refuse a link someone asks for", this::refuse));
    }

    @Override
    public void onLogin(ClientContext context) {
        P2pOptions options;
        try {
            options = P2pOptions.from(context.config());
        } catch (IllegalArgumentException e) {
            context.print("! P2P is off: " + e.getMessage());
            synchronized (starting) {
                early = null;
            }
            return;
        }
        // under the lock, pushes wait in onPush (on the connection's reader thread) until the client has
        // started and handled the early ones: so none is lost, handled twice, or handled out of order.
        // The client does not listen to the connection itself: every push reaches it through onPush, the
        // only path (a listener added here could miss a push the reader is already passing to the shell)
        synchronized (starting) {
            P2pClient client = P2pClient.startUnfed(context.client(), options, new Printer(context));
            List<Message> missed = early;
            early = null;
            p2p = client;
            if (missed != null) {
                missed.forEach(client::deliver);
            }
        }
    }

    /** The connection dropped and a new one logs in: P2P carries on over it ({@link P2pClient#reconnected}). */
    @Override
    public void onReconnecting(ClientContext context) {
        P2pClient client;
        synchronized (starting) {
            client = p2p;
        }
        if (client != null) {
            client.reconnected(context.client());
        }
    }

    /**
     * Hides every {@code P2P_} push and hands it to the client; keeps those that come before it starts.
     * Called on the connection's reader thread, one push at a time.
     */
    @Override
    public boolean onPush(Message push, ClientContext context) {
        if (!push.type().startsWith("P2P_")) {
            return false;
        }
        P2pClient client;
        synchronized (starting) {
            client = p2p;
            if (client == null) {
                if (early != null && early.size() < EARLY_PUSHES) {
                    early.add(push);
                }
                return true;
            }
        }
        client.deliver(push);
        return true;
    }

    private void p2p(String args, ClientContext context) {
        P2pClient client = client();
        if (args.isEmpty()) {
            list(client, context);
            return;
        }
        String peer = firstWord(args);
        context.print("asking " + peer + " for a direct link...");
        client.open(peer); // the outcome is printed by the events
    }

    private static void list(P2pClient client, ClientContext context) {
        List<String> lines = new ArrayList<>();
        for (P2pLink link : client.links()) {
            String limits = link.relayLimits() == null ? "" : ", relay allows " + Progress.bytes(link.relayLimits().maxBytes())
                    + " for " + minutes(link.relayLimits().maxDuration());
            lines.add("  " + link.peer() + ": " + link.mode() + ", sent " + Progress.bytes(link.bytesSent())
                    + ", received " + Progress.bytes(link.bytesReceived()) + ", for "
                    + minutes(Duration.between(link.since(), Instant.now())) + limits + ", " + link.peer()
                    + "'s certificate " + link.peerFingerprint());
        }
        client.pending().forEach(peer -> lines.add("  " + peer + ": being set up"));
        client.asks().forEach(ask -> lines.add("  " + ask.peer() + ": asks for a link (/accept " + ask.peer()
                + " or /refuse " + ask.peer() + ")"));
        if (lines.isEmpty()) {
            context.print("no P2P links: /p2p <pseudo> sets one up");
            return;
        }
        context.print("P2P links:");
        lines.forEach(context::print);
    }

    private void whisper(String args, ClientContext context) throws Exception {
        int space = args.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("usage: /w <pseudo> <text>");
        }
        String peer = args.substring(0, space);
        link(peer).say(args.substring(space + 1).strip());
    }

    private void sendFile(String args, ClientContext context) {
        int space = args.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("usage: /wfile <pseudo> <path>");
        }
        String peer = args.substring(0, space);
        Path file = Path.of(args.substring(space + 1).strip());
        P2pLink link = link(peer);
        long size = file.toFile().length();
        Progress.Tracker tracker = new Progress.Tracker(size);
        context.print("sending " + file.getFileName() + " to " + peer + " (" + Progress.bytes(size) + ", " + link.mode() + ")");
        link.sendFile(file, done -> {
            String line = tracker.update(done);
            if (line != null) {
                context.status(file.getFileName() + " → " + peer + " " + line);
            }
        }).whenComplete((sent, error) -> {
            context.status(null);
            if (error != null) {
                context.print("! " + file.getFileName() + " not sent: " + cause(error));
            } else {
                context.print("sent " + sent.name() + " to " + peer + ": " + Progress.bytes(sent.size())
                        + ", SHA-256 " + sent.sha256().substring(0, 16) + "... confirmed by " + peer);
            }
        });
    }

    private void unlink(String args, ClientContext context) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: /unlink <pseudo>");
        }
        String peer = firstWord(args);
        String why = args.substring(peer.length()).strip();
        link(peer).close(why.isEmpty() ? "done" : why);
    }

    private void accept(String args, ClientContext context) {
        client().accept(args.isEmpty() ? null : firstWord(args));
    }

    private void refuse(String args, ClientContext context) {
        client().refuse(args.isEmpty() ? null : firstWord(args), context.pseudo() + " said no");
    }

    private P2pLink link(String peer) {
        return client().link(peer).orElseThrow(() -> new IllegalArgumentException("no link with " + peer
                + ": /p2p " + peer + " sets one up"));
    }

    private P2pClient client() {
        P2pClient client = p2p;
        if (client == null) {
            throw new IllegalStateException("P2P is off: see the message at login");
        }
        return client;
    }

    private static String firstWord(String args) {
        int space = args.indexOf(' ');
        return space < 0 ? args : args.substring(0, space);
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String cause(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return t.getMessage();
    }

    /** Turns the events into lines above the prompt. */
    private record Printer(ClientContext context) implements P2pEvents {

        @Override
        public void asked(P2pAsk ask) {
            context.print("* " + ask.peer() + " wants a direct link with you: /accept " + ask.peer() + " or /refuse "
                    + ask.peer());
        }

        @Override
        public void linked(P2pLink link) {
            context.print("* linked with " + link.peer() + " (" + link.mode() + ", encrypted"
                    + (link.relayLimits() == null ? ", the server carries nothing"
                    : " through the server, at most " + Progress.bytes(link.relayLimits().maxBytes()) + " and "
                    + minutes(link.relayLimits().maxDuration())) + "): /w " + link.peer() + " <text>");
        }

        @Override
        public void failed(String peer, String reason) {
            context.print("! no link with " + peer + ": " + reason);
        }

        @Override
        public void notice(String text) {
            context.print("* " + text);
        }

        @Override
        public void message(P2pLink link, String text) {
            context.print("[p2p " + link.peer() + "] " + text);
        }

        @Override
        public void fileReceived(P2pLink link, ReceivedFile file) {
            context.print("* received " + file.name() + " from " + link.peer() + " (" + Progress.bytes(file.size())
                    + ", SHA-256 checked): " + file.path());
        }

        @Override
        public void fileFailed(P2pLink link, String name, String reason) {
            context.print("! " + name + " from " + link.peer() + " did not arrive whole: " + reason);
        }

        @Override
        public void closed(P2pLink link, String reason) {
            context.print("* link with " + link.peer() + " closed: " + reason);
        }
    }
}
