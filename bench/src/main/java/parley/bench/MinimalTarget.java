package parley.bench;

import java.io.IOException;
import java.util.List;

/** The {@link MinimalServer}, in a JVM of its own with the same heap as Parley's. */
final class MinimalTarget extends Target {

    private final String heap;

    MinimalTarget(String heap) {
        super("minimal", new MinimalWire());
        this.heap = heap;
    }

    @Override
    List<String> command(int port) {
        return List.of(java(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), MinimalServer.class.getName(),
                String.valueOf(port));
    }

    @Override
    long heapBytes() throws IOException {
        return jvmLiveHeap(pid());
    }
}
