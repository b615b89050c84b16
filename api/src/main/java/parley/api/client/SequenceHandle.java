package parley.api.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import parley.api.Message;
import parley.api.Verbs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's side of a sequence it started (Story 6): the ACK, then exactly one result.
 *
 * <p>{@link #result()} completes with the COMPLETE's {@code result}, or fails with a
 * {@link RefusedException} (ERROR), a {@link TimeoutException} (no end in time: the client gives up
 * and its local busy state clears) or a {@link ClientException} (connection closed).
 */
public final class SequenceHandle {

    private final String action;
    private final JsonNode seq;
    private final CompletableFuture<Message> ack;
    private final CompletableFuture<ObjectNode> result = new CompletableFuture<>();
    private final Runnable release;

    /** {@code release} frees the client's busy state; it runs before the result completes. */
    SequenceHandle(String action, JsonNode seq, CompletableFuture<Message> ack, Runnable release) {
        this.action = action;
        this.seq = seq;
        this.ack = ack;
        this.release = release;
    }

    public String action() {
        return action;
    }

    /** The seq this client chose. */
    public JsonNode seq() {
        return seq;
    }

    /** Completes with the server's first answer: ACK, or ERROR if it refused to start. */
    public CompletableFuture<Message> ack() {
        return ack;
    }

    /** The sequence id participants see, once the ACK came; otherwise {@code null}. */
    public String serverId() {
        Message m = ack.getNow(null);
        return m == null ? null : m.text("id");
    }

    public CompletableFuture<ObjectNode> result() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Blocks for the result.
     *
     * @throws RefusedException  when the sequence ended with ERROR
     * @throws ClientException   when no result came within {@code timeout}, or the connection closed
     */
    public ObjectNode await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClientException(action + " sequence " + seq + ": no COMPLETE or ERROR within " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ClientException(action + " sequence " + seq + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }

    /** Ends the handle from the server's COMPLETE or ERROR. */
    void finish(Message end) {
        release.run();
        if (Verbs.COMPLETE.equals(end.type()) && end.get("result") instanceof ObjectNode r) {
            result.complete(r);
        } else {
            result.completeExceptionally(new RefusedException(action + " sequence " + seq, end));
        }
    }

    void fail(Throwable cause) {
        if (!result.isDone()) {
            release.run();
            result.completeExceptionally(cause);
        }
    }
}
