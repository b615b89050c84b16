package parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A block's body: what goes in comes out, the caps cut where they should, a damaged body is named. */
class BlockTest {

    private static Entry event(long id, int size) {
        byte[] json = new byte[size];
        Arrays.fill(json, (byte) 'x');
        return new Entry("room1", id, 1_000_000 + id, json);
    }

    @Test
    void whatIsEncodedDecodesTheSame() throws Exception {
        List<Entry> events = List.of(new Entry("room1", 7, 1_764_000_000_123L, "{\"msg\":\"é ✓\"}".getBytes(StandardCharsets.UTF_8)),
                new Entry("room1", 8, 1_764_000_000_124L, new byte[0]), event(10, 300));
        List<Entry> back = Block.decode("room1", 7, Block.encode(events));
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i).id()).isEqualTo(events.get(i).id());
            assertThat(back.get(i).millis()).isEqualTo(events.get(i).millis());
            assertThat(back.get(i).json()).isEqualTo(events.get(i).json());
            assertThat(back.get(i).room()).isEqualTo("room1");
        }
    }

    @Test
    void blocksAreCutAtTheEventCapAndTheByteCapButNeverEmpty() {
        List<Entry> small = IntStream.rangeClosed(1, 1_300).mapToObj(i -> event(i, 50)).toList();
        assertThat(Block.cut(small)).extracting(List::size).containsExactly(512, 512, 276);

        List<Entry> big = IntStream.rangeClosed(1, 5).mapToObj(i -> event(i, 100 * 1024)).toList();
        assertThat(Block.cut(big)).as("256 KiB hold two of 100 KiB").extracting(List::size).containsExactly(2, 2, 1);
        for (List<Entry> block : Block.cut(big)) {
            assertThat(Block.encode(block).length).isLessThanOrEqualTo(Block.MAX_BYTES);
        }

        List<Entry> huge = List.of(event(1, 10), event(2, 300 * 1024), event(3, 10));
        assertThat(Block.cut(huge)).as("an event over the cap has a block of its own").extracting(List::size)
                .containsExactly(1, 1, 1);
        assertThat(Block.cut(List.of())).isEmpty();
    }

    @Test
    void aDamagedBodyIsRefusedNamingTheRoomAndTheBlock() {
        byte[] body = Block.encode(List.of(event(5, 40), event(6, 40)));
        assertThatThrownBy(() -> Block.decode("room2", 5, Arrays.copyOf(body, body.length - 3)))
                .isInstanceOf(SQLDataException.class).hasMessageContaining("room2").hasMessageContaining("from id 5")
                .hasMessageContaining("cut short after 1 events");
        byte[] other = body.clone();
        other[0] = 9;
        assertThatThrownBy(() -> Block.decode("room2", 5, other)).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> Block.decode("room2", 5, new byte[0])).isInstanceOf(SQLDataException.class)
                .hasMessageContaining("empty");
    }
}
