package parley.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.Set;

import org.junit.jupiter.api.Test;

import parley.api.wire.LegacyShape;
import parley.api.wire.WireCodec;

/** An {@link Outbound} encodes each form once, whoever asks first, and shares the bytes. */
class OutboundTest {

    private static final WireCodec CODEC = WireCodec.of(1 << 20,
            List.of(LegacyShape.of("MSG", List.of("room", "pseudo", "msg"))));

    private static Message msg() {
        return Message.of("MSG").put("room", "room1").put("pseudo", "ana").put("msg", "hello");
    }

    @Test
    void eachFormIsTheCodecsBytesAndTheSameArrayEveryTime() {
        Outbound out = new Outbound(msg(), CODEC);
        byte[] json = out.payload(PayloadForm.JSON);
        byte[] line = out.payload(PayloadForm.LINE);
        assertArrayEquals(CODEC.encode(msg(), PayloadForm.JSON), json);
        assertEquals("MSG \"room1\" \"ana\" \"hello\"", new String(line, StandardCharsets.UTF_8).strip());
        assertSame(json, out.payload(PayloadForm.JSON));
        assertSame(line, out.payload(PayloadForm.LINE));
    }

    @Test
    void prepareEncodesWhatItIsAskedForAndPayloadTheRestLater() {
        Outbound out = new Outbound(msg(), CODEC);
        assertSame(out, out.prepare(false));
        byte[] json = out.payload(PayloadForm.JSON);
        out.prepare(true);
        assertSame(json, out.payload(PayloadForm.JSON), "prepared again: not encoded again");
        byte[] line = out.payload(PayloadForm.LINE);
        assertSame(line, out.prepare(true).payload(PayloadForm.LINE));
    }

    @Test
    void withJsonTakesTheCallersBytesAndKeepsTheLineForm() {
        Outbound out = new Outbound(msg(), CODEC).prepare(true);
        Message stamped = msg().put("id", 7);
        byte[] bytes = CODEC.encode(stamped, PayloadForm.JSON);
        Outbound twin = out.withJson(stamped, bytes);
        assertSame(bytes, twin.payload(PayloadForm.JSON));
        assertSame(stamped, twin.message());
        assertSame(out.payload(PayloadForm.LINE), twin.payload(PayloadForm.LINE));
    }

    @Test
    void threadsAskingAtOnceAllGetOneArray() throws InterruptedException {
        for (PayloadForm form : PayloadForm.values()) {
            Outbound out = new Outbound(msg(), CODEC);
            Set<byte[]> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    seen.add(out.payload(form));
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(1, seen.size(), form + ": every thread got the same bytes");
        }
    }
}
