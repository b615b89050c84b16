package parley.history;

import java.util.List;

/**
 * One answer to HISTORY: events oldest first, and whether the log holds more beyond them in the
 * direction the request walks.
 */
record Page(List<Entry> entries, boolean more) {
}
