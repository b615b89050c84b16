package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

class CloseReasonsTest {

    @Test
    void eachFailureOfAReaderHasItsOwnReason() {
        assertThat(CloseReasons.of(new EOFException("the peer closed the connection during the TLS handshake"), "c1"))
                .isEqualTo("read failed: the peer closed the connection during the TLS handshake");
        assertThat(CloseReasons.of(new ClosedChannelException(), "c1")).isEqualTo("connection closed");
        assertThat(CloseReasons.of(new IOException("Connection reset by peer"), "c1"))
                .isEqualTo("read failed: Connection reset by peer");
        assertThat(CloseReasons.of(new IllegalStateException("a bug"), "c1"))
                .isEqualTo("internal error: java.lang.IllegalStateException: a bug");
    }
}
