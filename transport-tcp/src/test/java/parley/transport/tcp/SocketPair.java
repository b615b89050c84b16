package parley.transport.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** Two ends of one real loopback TCP connection, in blocking mode, for tests of what reads or writes a channel. */
record SocketPair(SocketChannel near, SocketChannel far) implements AutoCloseable {

    /** A new connection; usable as a field initializer, so it fails unchecked. */
    static SocketPair open() {
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SocketChannel near = SocketChannel.open(listener.getLocalAddress());
            return new SocketPair(near, listener.accept());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback connection", e);
        }
    }

    /** Reads exactly {@code length} bytes from the far end, blocking; fails if it closes first. */
    byte[] readFar(int length) throws IOException {
        java.nio.ByteBuffer into = java.nio.ByteBuffer.allocate(length);
        while (into.hasRemaining()) {
            if (far.read(into) < 0) {
                throw new java.io.EOFException("closed after " + into.position() + " of " + length + " bytes");
            }
        }
        return into.array();
    }

    @Override
    public void close() throws IOException {
        try (near; far) {
            // both closed, the far end even if the near one fails
        }
    }
}
