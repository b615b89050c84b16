package parley.api.wire;

import java.io.IOException;

/** A reader needed more memory than its {@link MemoryBudget} had left: the connection is ended, saying so. */
public final class MemoryBudgetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long wanted;

    public MemoryBudgetException(long wanted) {
        super("no memory left for a message of this size (" + wanted + " bytes more were needed)");
        this.wanted = wanted;
    }

    /** How many bytes more the reader needed. */
    public long wanted() {
        return wanted;
    }
}
