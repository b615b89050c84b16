package parley.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * How the load generator speaks to one kind of server: how a member joins the room, how a connection
 * says hello and sits idle, what a message looks like on the wire, and how the sender counts the
 * server's acknowledgements. The receivers need nothing of it: they find the {@link Marker}s.
 */
interface Wire {

    /** Makes the connection a member of {@code room} as {@code name}; returns once the server confirmed it. */
    void join(SocketChannel channel, String name, String room) throws IOException;

    /** Makes the connection a sender into {@code room} as {@code name} (for some servers, a member too). */
    void sender(SocketChannel channel, String name, String room) throws IOException;

    /** Logs the connection in as {@code name} with no room; returns once the server confirmed it. */
    void hello(SocketChannel channel, String name) throws IOException;

    /** One message to {@code room} whose body (with its {@link Marker}) starts at {@link Encoded#markerAt}. */
    Encoded message(String name, String room, byte[] body);

    /** A fresh parser of what the server sends a sender: counts acknowledgements and refusals. */
    Acks acks();

    /** One encoded message: its bytes, and where its marker's {@code #} is. */
    record Encoded(byte[] bytes, int markerAt) {
    }

    /** Counts the acknowledgements in a sender's input, across reads. */
    interface Acks {
        /** Feeds bytes {@code [from, to)} of {@code data}; returns how many acknowledgements they completed. */
        int feed(byte[] data, int from, int to) throws IOException;

        /** How many frames the last {@link #feed} completed that were neither answers nor refusals (pushes). */
        default int others() {
            return 0;
        }
    }
}
