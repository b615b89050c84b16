package parley.p2p;

import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/**
 * The P2P plugin's composition root: checks the {@link P2pSettings}, makes the {@link P2pBroker} and
 * gives it to its commands, starts the relay on the server's host unless {@code p2p.relay-max-links} is 0, and
 * ends a closed session's links. {@link #stop} closes the relay and the relayed links.
 */
public final class P2pFeature implements ServerFeature {

    private P2pBroker broker;
    private Relay relay;

    @Override
    public void start(ServerContext context) throws Exception {
        P2pSettings.ALL.forEach(context.config()::get); // a bad value fails the start, naming its key
        broker = new P2pBroker(context);
        if (context.config().get(P2pSettings.RELAY_MAX_LINKS) > 0) {
            relay = Relay.start(broker, context.scheduler(), bindHost(context),
                    context.config().get(P2pSettings.RELAY_PORT), context.config().get(P2pSettings.RELAY_MAX_BYTES),
                    context.config().get(P2pSettings.RELAY_MAX_DURATION), admission(context));
            broker.relay(relay);
        }
        context.services().register(P2pBroker.class, broker); // for tests and embedding; commands get it below
        context.register(new P2pRequestCommand(broker));
        context.register(new P2pAcceptCommand(broker));
        context.register(new P2pRefuseCommand(broker));
        context.register(new P2pFallbackCommand(broker));
        context.register(new P2pLinkedCommand(broker));
        context.sessions().onClose((session, pseudo, reason) -> {
            if (pseudo != null) {
                broker.sessionClosed(session);
            }
        });
    }

    private static Relay.Admission admission(ServerContext context) throws java.net.UnknownHostException {
        java.util.Set<java.net.InetAddress> exempt = new java.util.HashSet<>();
        for (String address : context.config().get(P2pSettings.RELAY_IP_EXEMPT)) {
            exempt.add(java.net.InetAddress.getByName(address));
        }
        return new Relay.Admission(context.config().get(P2pSettings.RELAY_PRESENT_TIMEOUT),
                context.config().get(P2pSettings.RELAY_PRESENTING_PER_IP), exempt);
    }

    /** The relay listens where the server does: the {@code host} setting of the TCP transport, if any. */
    private static String bindHost(ServerContext context) {
        String host = context.config().raw("host");
        return host == null || host.isBlank() ? "0.0.0.0" : host.trim();
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }
}
