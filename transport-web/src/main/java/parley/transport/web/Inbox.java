package parley.transport.web;

import java.util.ArrayDeque;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a codec pipeline driven on bytes: keeps what the codecs decoded (HTTP requests,
 * WebSocket frames, bytes left over after an upgrade) and the first failure they raised, for the
 * connection's reader thread to take. Used by one thread at a time (the one that feeds the pipeline);
 * whoever takes a message releases it.
 */
final class Inbox extends ChannelInboundHandlerAdapter {

    private final ArrayDeque<Object> messages = new ArrayDeque<>();
    private Throwable failure;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        messages.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** The next decoded message, or {@code null}. */
    Object poll() {
        return messages.poll();
    }

    /** The first failure the codecs raised, or {@code null}; cleared by the call. */
    Throwable takeFailure() {
        Throwable taken = failure;
        failure = null;
        return taken;
    }

    /** Releases what is still held. */
    void clear() {
        Object msg;
        while ((msg = messages.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
