package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A read that may stop ends when two idle sweeps find it waiting, and a socket that no thread waits on
 * starts its reader when bytes come or when it closes (real loopback).
 */
class PolledSocketTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    private final SocketPair sockets = SocketPair.open();

    @AfterEach
    void close() throws Exception {
        sockets.close();
    }

    @Test
    void bytesStartTheReaderOnceOnAThreadOfItsOwn() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> read = new AtomicReference<>();
        boolean waiting = socket.resumeWhenReadable(() -> {
            runs.incrementAndGet();
            ByteBuffer into = ByteBuffer.allocate(16);
            try {
                socket.readNow(into);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            read.set(new String(into.array(), 0, into.position(), java.nio.charset.StandardCharsets.US_ASCII)
                    + " on " + (Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread"));
        });
        assertThat(waiting).isTrue();
        assertThat(runs).hasValue(0); // nothing came yet
        sockets.far().write(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        await().atMost(LONG).until(() -> "hello on a virtual thread".equals(read.get()));
        assertThat(runs).hasValue(1);
    }

    @Test
    void closingTheSocketStartsTheReaderOnceSoItSeesTheClose() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Boolean> openWhenRun = new AtomicReference<>();
        assertThat(socket.resumeWhenReadable(() -> {
            runs.incrementAndGet();
            openWhenRun.set(socket.isOpen());
        })).isTrue();
        socket.close();
        await().atMost(LONG).until(() -> Boolean.FALSE.equals(openWhenRun.get()));
        assertThat(runs).hasValue(1);
    }

    @Test
    void aClosedSocketSaysSoAndNeverStartsTheReader() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        socket.close();
        AtomicInteger runs = new AtomicInteger();
        assertThat(socket.resumeWhenReadable(runs::incrementAndGet)).isFalse(); // the caller goes on itself
    }

    @Test
    void aReadThatMayStopEndsAtTheSecondSweepThatFindsItWaiting() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        java.util.concurrent.CompletableFuture<Integer> read = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> readOrStop(socket, ByteBuffer.allocate(16)));
        await().atMost(LONG).until(socket::readerWaiting);
        socket.sweepIdle(); // the first sweep only notes it
        sockets.far().write(ByteBuffer.wrap(new byte[] {7, 8}));
        assertThat(read.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2); // bytes win

        java.util.concurrent.CompletableFuture<Integer> idle = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> readOrStop(socket, ByteBuffer.allocate(16)));
        await().atMost(LONG).until(socket::readerWaiting);
        socket.sweepIdle();
        socket.sweepIdle();
        assertThat(idle.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(-2); // stopped
    }

    @Test
    void aPlainReadIsNeverStoppedBySweeps() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        java.util.concurrent.CompletableFuture<Integer> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return socket.read(ByteBuffer.allocate(16));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await().atMost(LONG).until(socket::readerWaiting);
        socket.sweepIdle();
        socket.sweepIdle();
        socket.sweepIdle();
        sockets.far().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(read.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3); // it was still waiting
    }

    /** The bytes read, or -2 when the read stopped ({@link ReaderStopped}). */
    private static int readOrStop(PolledSocket socket, ByteBuffer into) {
        try {
            return socket.readOrStop(into);
        } catch (ReaderStopped e) {
            return -2;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
