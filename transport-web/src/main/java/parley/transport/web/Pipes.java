package parley.transport.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's codecs driven on bytes: an {@link EmbeddedChannel} runs its handlers on the calling thread,
 * takes the bytes read from the socket, and leaves what they encode for {@link #drain} to write. Its
 * buffers are unpooled heap buffers, freed by the garbage collector like any array.
 */
final class Pipes {

    private static final UnpooledByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);

    private Pipes() {
    }

    /** A channel with these handlers, on heap buffers. Not thread-safe: one thread at a time drives it. */
    static EmbeddedChannel of(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(HEAP);
        channel.pipeline().addLast(handlers);
        return channel;
    }

    /** Hands {@code bytes} (position to limit, copied) to the channel's handlers. */
    static void feed(EmbeddedChannel channel, ByteBuffer bytes) {
        if (bytes.hasRemaining() && channel.isOpen()) {
            channel.writeInbound(HEAP.heapBuffer(bytes.remaining()).writeBytes(bytes));
            channel.runPendingTasks();
        }
    }

    /** Writes what the channel's handlers encoded to {@code out}, whole, blocking while the socket is full. */
    static void drain(EmbeddedChannel channel, WritableByteChannel out) throws IOException {
        channel.runPendingTasks();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            try {
                if (msg instanceof ByteBuf buf) {
                    writeFully(out, buf);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    static void writeFully(WritableByteChannel out, ByteBuf buf) throws IOException {
        for (ByteBuffer part : buf.nioBuffers()) {
            while (part.hasRemaining()) {
                out.write(part);
            }
        }
    }

    /** Drops what the channel still holds and closes it. */
    static void discard(EmbeddedChannel channel) {
        channel.finishAndReleaseAll();
    }
}
