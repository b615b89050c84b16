package parley.moderation;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Registration;
import parley.api.ServerContext;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;
import parley.rooms.api.RoomDirectory;

/**
 * The moderation plugin's composition root: opens its database in {@code data-dir}, loads what was
 * decided, registers the operators' verbs, the filters that enforce bans, access lists and mutes, the
 * topic greeting, and a timer that deletes ended bans and mutes (on a virtual thread: the timer thread
 * never waits for the database).
 *
 * <p>It needs the rooms plugin, so it starts after it.
 */
public final class ModerationFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ModerationFeature.class);

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile boolean stopped;
    private ModerationStore store;
    private Registration listening;

    @Override
    public void start(ServerContext context) throws Exception {
        RoomDirectory rooms = context.services().require(RoomDirectory.class);
        store = ModerationStore.open(context.config().get(ModerationSettings.DATA_DIR));
        try {
            Moderation moderation = new Moderation(store, Clock.systemUTC());
            moderation.cleanup();
            Desk desk = new Desk(moderation, rooms, context.sessions(), new Audit());
            context.register(new OpCommand(desk, true));
            context.register(new OpCommand(desk, false));
            context.register(new KickCommand(desk));
            context.register(new BanCommand(desk));
            context.register(new UnbanCommand(desk));
            context.register(new MuteCommand(desk));
            context.register(new UnmuteCommand(desk));
            context.register(new TopicCommand(desk, context.config().get(ModerationSettings.MAX_TOPIC_LENGTH)));
            context.register(new RestrictCommand(desk));
            context.register(new InviteCommand(desk));
            context.register(new BansCommand(desk));
            context.addFilter(new LoginBanFilter(moderation));
            context.addFilter(new JoinFilter(moderation, rooms));
            context.addFilter(new MuteFilter(moderation));
            listening = rooms.listen(new TopicGreeter(moderation));
            // the timer thread must not block: each sweep runs on a virtual thread of its own, one at a time
            context.scheduler().every(context.config().get(ModerationSettings.CLEANUP_EVERY), () -> {
                if (sweeping.compareAndSet(false, true)) {
                    Thread.ofVirtual().name("parley-moderation-cleanup").start(() -> sweep(moderation));
                }
            });
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    /** Deletes the ended bans and mutes; on the sweep's virtual thread. */
    private void sweep(Moderation moderation) {
        try {
            if (!stopped) {
                int gone = moderation.cleanup();
                if (gone > 0) {
                    LOG.info("deleted {} ended bans and mutes", gone);
                }
            }
        } catch (SQLException e) {
            if (!stopped) {
                LOG.warn("could not delete ended bans and mutes from {}; trying again later", store.file(), e);
            }
        } finally {
            sweeping.set(false);
        }
    }

    @Override
    public List<LegacyShape> pushShapes() {
        return ModerationVerbs.PUSH_SHAPES;
    }

    @Override
    public void stop() {
        stopped = true;
        if (listening != null) {
            listening.cancel();
        }
        if (store != null) {
            store.close();
        }
    }
}
