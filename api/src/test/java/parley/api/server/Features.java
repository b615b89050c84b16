package parley.api.server;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/** A feature that runs a body at start and keeps the context it got, for the kernel's tests. */
final class Features implements ServerFeature {

    private final Consumer<ServerContext> body;
    private final AtomicReference<ServerContext> context;

    private Features(AtomicReference<ServerContext> context, Consumer<ServerContext> body) {
        this.context = context;
        this.body = body;
    }

    /** A feature that stores its context in {@code context} and then runs {@code body}. */
    static ServerFeature starting(AtomicReference<ServerContext> context, Consumer<ServerContext> body) {
        return new Features(context, body);
    }

    @Override
    public void start(ServerContext context) {
        this.context.set(context);
        body.accept(context);
    }
}
