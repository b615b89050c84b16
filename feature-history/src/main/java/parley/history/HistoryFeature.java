package parley.history;

import java.time.Clock;
import java.util.Map;

import parley.api.Outbound;
import parley.api.Registration;
import parley.api.ServerContext;
import parley.api.spi.ServerFeature;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomEvents;
import parley.rooms.api.RoomLog;

/**
 * The history plugin's composition root: opens the log's database in {@code data-dir}, tells the rooms
 * where their ids stand ({@link RoomLog}), queues every room push for the writer thread, and answers
 * {@code HISTORY}.
 *
 * <p>It needs the rooms plugin, so it starts after it; the rooms ask for the {@link RoomLog} only at a
 * room's first event, which comes after every plugin has started.
 */
public final class HistoryFeature implements ServerFeature {

    private HistoryStore store;
    private HistoryWriter writer;
    private Registration listening;

    @Override
    public void start(ServerContext context) throws Exception {
        RoomDirectory rooms = context.services().require(RoomDirectory.class);
        Retention retention = new Retention(context.config().get(HistorySettings.MAX_MESSAGES),
                context.config().get(HistorySettings.KEEP_FOR));
        store = HistoryStore.open(context.config().get(HistorySettings.DATA_DIR), retention, Clock.systemUTC());
        try {
            Map<String, Long> lastIds = Map.copyOf(store.lastIds());
            writer = new HistoryWriter(store, retention.keepFor(), Clock.systemUTC());
            writer.start();
            context.services().register(RoomLog.class, room -> lastIds.getOrDefault(room, 0L));
            HistoryWriter queue = writer;
            listening = rooms.listen(new RoomEvents() {
                @Override
                public void pushed(String room, Outbound message, long id) {
                    queue.offer(room, id, message); // under the room's lock: queue only

                }
            });
            context.register(new HistoryCommand(rooms, store, writer));
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (listening != null) {
            listening.cancel();
        }
        if (writer != null) {
            writer.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
