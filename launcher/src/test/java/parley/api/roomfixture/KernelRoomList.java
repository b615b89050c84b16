package parley.api.roomfixture;

import java.util.List;

/** Breaks the "kernel names no room" rule on purpose: a kernel class that knows rooms exist. Never loaded. */
public final class KernelRoomList {

    public List<String> rooms() {
        return List.of("room1");
    }
}
