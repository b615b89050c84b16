package parley.p2p;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Semaphore;

import parley.api.Scheduler;
import parley.api.Scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkException;
import parley.p2p.link.Nonces;
import parley.p2p.link.P2pMessages;

/**
 * The relay: a listener of its own, on the server's host and {@code p2p.relay-port}. Each
 * connection gets a fresh nonce ({@code P2P_RELAY_CHALLENGE}) and must answer with its link, its
 * role and an HMAC of the nonce keyed by the link's token ({@code P2P_RELAY}). The broker admits
 * each side of a link once; when both are in, a {@link RelayLink} copies their bytes without
 * reading them. Anything else gets {@code P2P_RELAY_REFUSED} with the reason, and is closed.
 *
 * <p><b>Threading.</b> One virtual thread accepts; each connection is presented on a virtual thread
 * of its own, for at most {@link #PRESENT_TIMEOUT}. At most {@link #MAX_PRESENTING} connections
 * present at once; more are closed at once. Nothing a connection sends can reach beyond it.
 */
final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    /** How long a connection has to present itself. */
    static final Duration PRESENT_TIMEOUT = Duration.ofSeconds(10);
    /** Connections presenting themselves at once. */
    static final int MAX_PRESENTING = 256;
    /** Largest frame before the link is joined: presentations are small. */
    static final int MAX_PRESENT_FRAME = 4096;

    private final P2pBroker broker;
    private final Scheduler timers;
    private final ServerSocket listener;
    private final long maxBytes;
    private final Duration maxDuration;
    private final Semaphore presenting = new Semaphore(MAX_PRESENTING);

    private Relay(P2pBroker broker, Scheduler timers, ServerSocket listener, long maxBytes,
                  Duration maxDuration) {
        this.broker = broker;
        this.timers = timers;
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.maxDuration = maxDuration;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the port cannot be bound
     */
    static Relay start(P2pBroker broker, Scheduler timers, String host, int port, long maxBytes,
                       Duration maxDuration) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(host, port), 128);
        } catch (IOException e) {
            listener.close();
            throw new IOException("the P2P relay cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (set p2p.relay-port to a free port, or 0)", e);
        }
        Relay relay = new Relay(broker, timers, listener, maxBytes, maxDuration);
        Thread.ofVirtual().name("p2p-relay-acceptor").start(relay::acceptLoop);
        LOG.info("P2P relay listening on {}:{}", host, listener.getLocalPort());
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("the P2P relay failed to accept", e);
                }
                continue;
            }
            if (!presenting.tryAcquire()) {
                LOG.warn("P2P relay: {} connections are presenting already; closing {}", MAX_PRESENTING,
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            Thread.ofVirtual().name("p2p-relay-present").start(() -> {
                try {
                    present(socket);
                } finally {
                    presenting.release();
                }
            });
        }
    }

    private void present(Socket socket) {
        LinkChannel channel;
        try {
            channel = new LinkChannel(socket, MAX_PRESENT_FRAME);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        try {
            channel.readTimeout(PRESENT_TIMEOUT);
            String nonce = Nonces.fresh();
            channel.send(Message.of(P2pMessages.RELAY_CHALLENGE).put("nonce", nonce));
            Message join = channel.readMessage();
            if (!P2pMessages.RELAY_JOIN.equals(join.type())) {
                throw new Refusal("the relay expects P2P_RELAY with link, role and proof first, got " + join.type());
            }
            P2pBroker.Joined joined = broker.joinRelay(join.text("link"), join.text("role"), nonce, join.text("proof"),
                    channel);
            channel.readTimeout(Duration.ZERO);
            if (joined != null) {
                RelayLink link = new RelayLink(joined.offer().id, joined.caller(), joined.callee(), maxBytes, maxDuration,
                        timers, (reason, bytes) -> broker.relayEnded(joined.offer(), reason, bytes));
                broker.relayed(joined.offer(), link);
                link.start();
            }
        } catch (Refusal e) {
            LOG.info("P2P relay refused {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
            refuse(channel, e.getMessage());
        } catch (LinkException e) {
            refuse(channel, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.debug("P2P relay: {} failed while presenting", socket.getRemoteSocketAddress(), e);
            channel.close();
        }
    }

    /** Tells a relay connection why it is turned away, and closes it. */
    static void refuse(LinkChannel channel, String reason) {
        try {
            channel.send(Message.of(P2pMessages.RELAY_REFUSED).put("reason", reason));
        } catch (IOException e) {
            // gone already
        }
        channel.shutdownOutput();
        channel.close();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
