package parley.transport.tcp;

import java.io.IOException;

/**
 * Thrown by a read that ended without a byte because its connection was idle: the read was made where
 * its loop may stop ({@link TcpStream#mayStopAtNextRead}), and the idle sweep found it waiting there
 * since the sweep before ({@link PolledSocket#sweepIdle}). Its {@link ReadLoop} goes on later on a new
 * thread. Has no stack trace: it is a signal, not an error.
 */
final class ReaderStopped extends IOException {

    private static final long serialVersionUID = 1L;

    ReaderStopped() {
        super("the connection is idle: its reader stops until bytes come");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
