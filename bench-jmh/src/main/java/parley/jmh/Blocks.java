package parley.jmh;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.Frames;
import parley.api.wire.LegacyShape;
import parley.api.wire.WireCodec;

/**
 * The input every benchmark works on: {@value #MESSAGES} chat messages, each with 100 bytes of text,
 * as the server and the clients see them, in both wire forms. Built the same way each time, so that the
 * runner ({@link Main}) knows how many bytes one operation handles and can report MB/s.
 */
final class Blocks {

    /** Messages per operation. */
    static final int MESSAGES = 256;

    /** The kernel's codec with the shapes of the messages used here (as the rooms plugin declares them). */
    static final WireCodec CODEC = WireCodec.of(Frames.DEFAULT_MAX_FRAME_BYTES, List.of(
            LegacyShape.of("MSG", List.of("room", "pseudo", "msg"))));

    private Blocks() {
    }

    /** The messages: a push as a member gets it, with its id and time in the framed form. */
    static List<Message> messages(boolean stamped) {
        List<Message> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            String text = ("message " + i + " ").repeat(10).substring(0, 100);
            Message message = Message.of("MSG").put("room", "room1").put("pseudo", "member" + (i % 50)).put("msg", text);
            messages.add(stamped ? message.put("id", 1_000_000 + i).put("time", "2026-11-27T17:30:00.123Z") : message);
        }
        return messages;
    }

    /** The messages framed, back to back: {@code [uint32 length][JSON]}... */
    static byte[] frames() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message message : messages(true)) {
            out.writeBytes(Frames.frame(CODEC.encode(message, PayloadForm.JSON)));
        }
        return out.toByteArray();
    }

    /** The messages as legacy lines, back to back: {@code MSG "room1" "member3" "..."\n}... */
    static byte[] lines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message message : messages(false)) {
            out.writeBytes(CODEC.encode(message, PayloadForm.LINE));
        }
        return out.toByteArray();
    }

    /** How many bytes one operation of {@code benchmark} (a method name of this module) reads or writes. */
    static long bytesPerOperation(String benchmark) {
        return benchmark.contains("Legacy") ? lines().length : frames().length;
    }

    static String describe() {
        return MESSAGES + " messages per operation: " + frames().length + " bytes framed, " + lines().length
                + " bytes as lines";
    }
}
