package parley.p2p;

import parley.api.ServerContext;
import parley.api.server.ServerSettings;
import parley.api.spi.ServerFeature;

/**
 * Starts P2P on a server: checks the {@link P2pSettings}, makes the {@link P2pBroker} (registered
 * as a service), starts the relay on the server's host unless {@code p2p.relay-max-links} is 0, and
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
            relay = Relay.start(broker, context.timers(), context.config().get(ServerSettings.HOST),
                    context.config().get(P2pSettings.RELAY_PORT), context.config().get(P2pSettings.RELAY_MAX_BYTES),
                    context.config().get(P2pSettings.RELAY_MAX_DURATION));
            broker.relay(relay);
        }
        context.services().register(P2pBroker.class, broker);
        context.sessions().onClose((session, pseudo, reason) -> {
            if (pseudo != null) {
                broker.sessionClosed(session);
            }
        });
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
