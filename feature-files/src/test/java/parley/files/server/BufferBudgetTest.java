package parley.files.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.files.ChunkWriter;
import parley.files.Sha256;

/** Beyond its budget, an upload still gets a correct writer: an inline one. */
class BufferBudgetTest {

    @TempDir
    Path dir;

    @Test
    void pipelinesWithinTheBudgetInlineBeyondAndTheMemoryComesBack() throws Exception {
        BufferBudget budget = new BufferBudget(BufferBudget.EACH);
        try (FileChannel a = open("a"); FileChannel b = open("b")) {
            ChunkWriter first = budget.take(a);
            assertThat(budget.left()).isZero();
            ChunkWriter second = budget.take(b); // over budget: inline, and the budget is untouched
            assertThat(budget.left()).isZero();
            byte[] data = "same bytes".getBytes();
            first.write(data, 0, data.length);
            second.write(data, 0, data.length);
            assertThat(first.finish()).isEqualTo(second.finish()).isEqualTo(Sha256.of(data));
            assertThat(budget.left()).isEqualTo(BufferBudget.EACH);
            first.close(); // after finish: no double give-back
            assertThat(budget.left()).isEqualTo(BufferBudget.EACH);
            ChunkWriter third = budget.take(a);
            third.close();
            assertThat(budget.left()).isEqualTo(BufferBudget.EACH);
        }
    }

    private FileChannel open(String name) throws java.io.IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
