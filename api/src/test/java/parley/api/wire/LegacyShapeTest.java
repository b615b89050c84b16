package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import parley.api.Message;

class LegacyShapeTest {

    private final LegacyShape msg = LegacyShape.of("MSG", List.of("room", "pseudo", "msg"));
    private final LegacyShape bye = LegacyShape.of("BYE", List.of("room?", "pseudo?"));
    private final LegacyShape rooms = LegacyShape.of("DISPLAY_ROOM", List.of("rooms..."));

    @Test
    void mapsArgumentsToFieldsAndBack() throws Exception {
        Message m = msg.toMessage(List.of("room1", "alice", "hello"));
        assertThat(m.toString()).isEqualTo("{\"type\":\"MSG\",\"room\":\"room1\",\"pseudo\":\"alice\",\"msg\":\"hello\"}");
        assertThat(msg.toArgs(m)).containsExactly("room1", "alice", "hello");
    }

    @Test
    void optionalAndVariadicArguments() throws Exception {
        assertThat(bye.toMessage(List.of()).toString()).isEqualTo("{\"type\":\"BYE\"}");
        assertThat(bye.toMessage(List.of("room1")).text("room")).isEqualTo("room1");
        Message display = rooms.toMessage(List.of("room1", "room2", "room3"));
        assertThat(display.texts("rooms")).containsExactly("room1", "room2", "room3");
        assertThat(rooms.toArgs(display)).containsExactly("room1", "room2", "room3");
        assertThat(rooms.toMessage(List.of()).texts("rooms")).isEmpty();
    }

    @Test
    void wrongCountNamesTheUsage() {
        assertThatThrownBy(() -> msg.toMessage(List.of("room1")))
                .hasMessage("MSG takes 3 arguments, got 1: use MSG \"room\" \"pseudo\" \"msg\"");
        assertThatThrownBy(() -> bye.toMessage(List.of("a", "b", "c")))
                .hasMessageContaining("BYE takes 0 to 2 arguments, got 3");
    }

    @Test
    void fieldsOutsideTheShapeAreLeftOutOfTheLine() {
        Message ok = Message.of("OK").put("members", List.of("alice", "bob"));
        assertThat(LegacyShape.of("OK", List.of()).toArgs(ok)).isEmpty();
    }

    @Test
    void genericArgsListEveryFieldButTypeAndSeq() {
        Message joined = Message.of("JOINED").put("seq", 3).put("room", "r").put("who", List.of("a", "b")).put("n", 2);
        assertThat(LegacyShape.genericArgs(joined)).containsExactly("r", "a", "b", "2");
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> LegacyShape.of("X", List.of("rest...", "more"))).hasMessageContaining("last");
        assertThatThrownBy(() -> LegacyShape.of("X", List.of("a?", "b"))).hasMessageContaining("after an optional");
        assertThatThrownBy(() -> LegacyShape.of("X", List.of("type"))).hasMessageContaining("bad legacy argument");
    }

    @Test
    void aReplyWithOtherFieldsThanItsRequestIsWrittenGenerically() {
        LegacyShape hello = LegacyShape.of("HELLO", List.of("name"));
        WireCodec codec = new WireCodec(1 << 20, type -> type.equals("HELLO") ? hello : null);
        Message reply = Message.of("HELLO").put("text", "hello, alice");
        assertThat(hello.fits(reply)).isFalse();
        assertThat(new String(codec.encode(reply, parley.api.PayloadForm.LINE), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("HELLO \"hello, alice\"\n");
        Message request = Message.of("HELLO").put("name", "alice");
        assertThat(new String(codec.encode(request, parley.api.PayloadForm.LINE), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("HELLO \"alice\"\n");
        assertThat(hello.fits(Message.of("HELLO"))).isTrue();
    }
}
