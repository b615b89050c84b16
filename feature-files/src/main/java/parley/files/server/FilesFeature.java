package parley.files.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.ServerContext;
import parley.api.client.Progress;
import parley.api.spi.ServerFeature;
import parley.files.FilesSettings;

/**
 * Starts the files plugin on a server: checks its settings, opens the spool (see {@link Spool}),
 * registers the {@link FileService} the commands use, and sweeps expired files on the shared timer
 * (the sweep itself runs on a virtual thread, as it deletes files).
 *
 * <p>Fails to start, so that the server runs without files and says why, when a setting is bad or
 * the spool directory cannot be used. It needs the rooms plugin at request time, not at start.
 */
public final class FilesFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(FilesFeature.class);

    private volatile ScheduledFuture<?> sweeper;

    @Override
    public void start(ServerContext context) {
        Config config = context.config();
        FilesSettings.SERVER.forEach(config::get); // fail fast on a bad value, naming its key
        Path dir = FilesSettings.spoolDir(config);
        Spool spool;
        try {
            spool = Spool.open(dir, config.get(FilesSettings.QUOTA), config.get(FilesSettings.KEEP_FOR),
                    config.get(FilesSettings.MIN_FREE_DISK));
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the spool directory " + dir.toAbsolutePath() + " ("
                    + e + "): set files.spool-dir (or data-dir) to a directory the server may write", e);
        }
        context.services().register(FileService.class, new FileService(context, spool, config));
        Duration keep = config.get(FilesSettings.KEEP_FOR);
        long every = keep.isZero() ? 60_000 : Math.clamp(keep.toMillis() / 4, 100, 60_000);
        sweeper = context.timers().scheduleWithFixedDelay(
                () -> Thread.ofVirtual().name("parley-files-sweep").start(spool::sweep), every, every,
                TimeUnit.MILLISECONDS);
        LOG.info("files: spool {}, up to {} per file, {} in all", spool.dir(),
                Progress.bytes(config.get(FilesSettings.MAX_SIZE)), Progress.bytes(spool.quota()));
    }

    @Override
    public void stop() {
        ScheduledFuture<?> task = sweeper;
        if (task != null) {
            task.cancel(false);
        }
    }
}
