package parley.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.Registration;
import parley.api.Scheduler;
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
 * of its own, for at most {@code p2p.relay-present-timeout} in all, at most
 * {@code p2p.relay-presenting-per-ip} from one address at once, and at most {@link #MAX_PRESENTING} connections
 * present at once; more are closed at once. Nothing a connection sends can reach beyond it.
 */
final class Relay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

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
    private final Duration presentTimeout;
    private final int presentingPerAddress;
    private final Set<InetAddress> exempt;
    /** Connections presenting now, by address; an address goes when it has none. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress =
            new ConcurrentHashMap<>();

    private Relay(P2pBroker broker, Scheduler timers, ServerSocket listener, long maxBytes,
                  Duration maxDuration, Admission admission) {
        this.presentTimeout = admission.presentTimeout();
        this.presentingPerAddress = admission.presentingPerAddress();
        this.exempt = admission.exempt();
        this.broker = broker;
        this.timers = timers;
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.maxDuration = maxDuration;
    }

    /**
     * Who may present and for how long.
     *
     * @param presentTimeout       the whole time a connection has to prove its token
     * @param presentingPerAddress connections one address may have presenting at once
     * @param exempt               addresses that limit does not apply to
     */
    record Admission(Duration presentTimeout, int presentingPerAddress, Set<InetAddress> exempt) {
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the port cannot be bound
     */
    static Relay start(P2pBroker broker, Scheduler timers, String host, int port, long maxBytes,
                       Duration maxDuration, Admission admission) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(host, port), 128);
        } catch (IOException e) {
            listener.close();
            throw new IOException("the P2P relay cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (set p2p.relay-port to a free port, or 0)", e);
        }
        Relay relay = new Relay(broker, timers, listener, maxBytes, maxDuration, admission);
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
            InetAddress address = socket.getInetAddress();
            if (!enter(address)) {
                LOG.debug("P2P relay: {} has {} connections presenting already; closing the next", address,
                        presentingPerAddress);
                closeQuietly(socket);
                continue;
            }
            if (!presenting.tryAcquire()) {
                leave(address);
                LOG.warn("P2P relay: {} connections are presenting already; closing {}", MAX_PRESENTING,
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            Thread.ofVirtual().name("p2p-relay-present").start(() -> {
                // the whole presentation is bounded, not each read: a trickle of bytes cannot hold a slot
                Registration deadline = timers.schedule(() -> closeQuietly(socket), presentTimeout);
                try {
                    present(socket, deadline);
                } finally {
                    deadline.cancel();
                    presenting.release();
                    leave(address);
                }
            });
        }
    }

    /** Counts a connection of {@code address} in, unless it has as many presenting as it may. */
    private boolean enter(InetAddress address) {
        if (exempt.contains(address)) {
            return true;
        }
        boolean[] admitted = {false};
        byAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < presentingPerAddress;
            return admitted[0] ? now + 1 : now == 0 ? null : now;
        });
        return admitted[0];
    }

    private void leave(InetAddress address) {
        if (!exempt.contains(address)) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Addresses with connections presenting now, for tests. */
    int presentingAddresses() {
        return byAddress.size();
    }

    private void present(Socket socket, Registration deadline) {
        LinkChannel channel;
        try {
            channel = new LinkChannel(socket, MAX_PRESENT_FRAME);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        try {
            channel.readTimeout(presentTimeout);
            String nonce = Nonces.fresh();
            channel.send(Message.of(P2pMessages.RELAY_CHALLENGE).put("nonce", nonce));
            Message join = channel.readMessage();
            if (!P2pMessages.RELAY_JOIN.equals(join.type())) {
                throw new Refusal("the relay expects P2P_RELAY with link, role and proof first, got " + join.type());
            }
            P2pBroker.Joined joined = broker.joinRelay(join.text("link"), join.text("role"), nonce, join.text("proof"),
                    channel);
            channel.readTimeout(Duration.ZERO);
            deadline.cancel(); // presented: from here the link's own limits apply
            if (joined != null) {
                RelayLink link = new RelayLink(joined.offer().id, joined.caller(), joined.callee(), maxBytes, maxDuration,
                        timers, (reason, bytes) -> broker.relayEnded(joined.offer(), reason, bytes), broker.relayTap());
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
