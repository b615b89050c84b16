package parley.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.BinaryFrame;
import parley.api.wire.LegacyLine;
import parley.api.wire.LegacyShape;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * Fuzzing of the wire layer with jqwik (property-based, through JUnit): whatever bytes arrive, the
 * decoders answer a message or a {@link ProtocolException} with a reason, never anything else, and what
 * the server encodes decodes back to the same message. A bounded run in every build (a few seconds);
 * the failures jqwik ever finds are replayed first from its database (see jqwik.properties), and each
 * one fixed is kept below as an example.
 */
class WireFuzzTest {

    private static final WireCodec CODEC = WireCodec.of(1 << 20, List.of(
            LegacyShape.of("MSG", List.of("room", "pseudo", "msg")),
            LegacyShape.of("DISPLAY_ROOM", List.of("rooms...")),
            LegacyShape.of("BYE", List.of("room?", "pseudo?"))));

    @Property(tries = 5000)
    void anyBytesDecodeToAMessageOrAProtocolError(@ForAll @Size(max = 600) byte[] payload) {
        decodeFrame(payload);
    }

    @Property(tries = 5000)
    void jsonLikeTextDecodesToAMessageOrAProtocolError(@ForAll("jsonLike") String text) {
        decodeFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 5000)
    void anyLineDecodesToAMessageOrAProtocolError(@ForAll("lineLike") String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            Message message = CODEC.decodeLine(bytes, 0, bytes.length);
            assertThat(LegacyLine.isVerb(message.type())).isTrue();
        } catch (ProtocolException e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.fatal()).as("a bad line never costs the connection").isFalse();
        }
    }

    @Property(tries = 3000)
    void anyBytesAsALineDecodeOrAreRefused(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            CODEC.decodeLine(bytes, 0, bytes.length);
        } catch (ProtocolException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Property(tries = 3000)
    void aRenderedLineParsesBackToItsArguments(@ForAll("verb") String verb, @ForAll @Size(max = 6) List<String> args)
            throws ProtocolException {
        String line = LegacyLine.render(verb, args);
        LegacyLine.Parsed parsed = LegacyLine.parse(line.substring(0, line.length() - 1));
        assertThat(parsed.verb()).isEqualTo(verb);
        assertThat(parsed.args()).isEqualTo(args);
    }

    @Property(tries = 3000)
    void aMessageEncodedByTheServerDecodesToItselfInBothForms(@ForAll("text") String room, @ForAll("text") String pseudo,
                                                            @ForAll String msg) throws ProtocolException {
        Message sent = Message.of("MSG").put("room", room).put("pseudo", pseudo).put("msg", msg);
        byte[] json = CODEC.encode(sent, PayloadForm.JSON);
        assertThat(CODEC.decodeFrame(json, 0, json.length)).isEqualTo(sent);
        byte[] line = CODEC.encode(sent, PayloadForm.LINE);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        for (int i = 0; i < line.length - 1; i++) {
            assertThat(line[i]).as("one line, whatever the text: no newline byte before the end").isNotEqualTo((byte) '\n');
        }
        Message back = CODEC.decodeLine(line, 0, line.length - 1);
        assertThat(back.text("msg")).as("\\n and \\r are escaped and restored").isEqualTo(msg);
        assertThat(back.text("room")).isEqualTo(room);
    }

    @Property(tries = 3000)
    void anyBinaryPayloadParsesOrIsRefused(@ForAll @Size(max = 100) byte[] payload) {
        byte[] binary = payload.length == 0 ? payload : payload.clone();
        if (binary.length > 0) {
            binary[0] = BinaryFrame.MARKER;
        }
        try {
            BinaryFrame.Parsed parsed = BinaryFrame.parse(binary, 0, binary.length);
            assertThat(parsed.dataOffset() + parsed.dataLength()).isEqualTo(binary.length);
            assertThat(parsed.tag()).isNotEmpty();
        } catch (ProtocolException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    private static void decodeFrame(byte[] payload) {
        try {
            Message message = CODEC.decodeFrame(payload, 0, payload.length);
            assertThat(message.type()).isNotEmpty();
        } catch (ProtocolException e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.fatal()).as("a bad payload never costs the connection").isFalse();
        }
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 \\/tnrufalseTYPE_typeseq\u00e9\u0000\uD83D\uDE00")
                .ofMaxLength(200)
                .map(s -> Math.random() < 0.5 ? "{\"type\":" + s : s);
    }

    @Provide
    Arbitrary<String> lineLike() {
        return Arbitraries.strings().withChars("ABCMSGBYE_ \"\\nr\tx\u00e9\u0000\u2028")
                .ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> verb() {
        return Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    }
}
