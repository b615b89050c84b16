package parley.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.databind.JsonNode;

class RecyclerSlotsTest {

    @Test
    void aRecyclerGivenBackIsTakenAgain() {
        RecyclerSlots slots = new RecyclerSlots(4);
        BufferRecycler first = slots.acquirePooled();
        assertEquals(0, slots.held());
        slots.releasePooled(first);
        assertEquals(1, slots.held());
        assertSame(first, slots.acquirePooled());
        assertNotSame(first, slots.acquirePooled(), "none left: a new one");
    }

    @Test
    void itHoldsNoMoreThanItsSlots() {
        RecyclerSlots slots = new RecyclerSlots(4);
        List<BufferRecycler> taken = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            taken.add(slots.acquirePooled());
        }
        taken.forEach(slots::releasePooled);
        assertEquals(4, slots.held());
    }

    @Test
    void theSizeMustBeAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecyclerSlots(12));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    @Test
    void threadsParsingAndEncodingAtOnceReadBackWhatTheyWrote() throws InterruptedException {
        // the kernel's JSON through the slots, from many threads at once: every text comes back whole
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int id = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String text = "thread " + id + " message " + i + " " + "x".repeat(id * 20);
                    byte[] json = ("{\"type\":\"MSG\",\"msg\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
                    JsonNode node = Json.parse(json);
                    byte[] again = Json.bytes(node);
                    if (!node.get("msg").asString().equals(text) || !new String(again, StandardCharsets.UTF_8)
                            .equals(new String(json, StandardCharsets.UTF_8))) {
                        wrong.add(id + "/" + i);
                    }
                    if (i % 100 == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(wrong.isEmpty(), "mixed up: " + wrong);
    }
}
