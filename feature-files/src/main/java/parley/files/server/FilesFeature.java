package parley.files.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.Registration;
import parley.api.ServerContext;
import parley.api.client.Progress;
import parley.api.spi.ServerFeature;
import parley.files.FilesSettings;

/**
 * The files plugin's composition root: checks its settings, opens the spool (see {@link Spool}), builds
 * the {@link FileService} and gives it to its commands, and sweeps expired files on its timer (the
 * sweep itself runs on a virtual thread, as it deletes files).
 *
 * <p>Fails to start, so that the server runs without files and says why, when a setting is bad or
 * the spool directory cannot be used. It needs the rooms plugin at request time, not at start.
 */
public final class FilesFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(FilesFeature.class);

    private volatile Registration sweeper;

    @Override
    public void start(ServerContext context) {
        Config config = context.config();
        FilesSettings.SERVER.forEach(config::get); // fail fast on a bad value, naming its key
        Path dir = FilesSettings.spoolDir(config);
        Spool spool;
        try {
            spool = Spool.open(dir, config.get(FilesSettings.QUOTA), config.get(FilesSettings.USER_QUOTA),
                    config.get(FilesSettings.KEEP_FOR),
                    config.get(FilesSettings.MIN_FREE_DISK));
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the spool directory " + dir.toAbsolutePath() + " ("
                    + e + "): set files.spool-dir (or data-dir) to a directory the server may write", e);
        }
        FileService files = new FileService(context, spool, config);
        context.register(new SendFileCommand(files));
        context.register(new SendFileEndCommand(files));
        context.register(new FileCommand(files));
        context.register(new GetFileCommand(files));
        context.register(new FilesCommand(files));
        context.addFigures(spool::figures);
        Duration keep = config.get(FilesSettings.KEEP_FOR);
        long every = keep.isZero() ? 60_000 : Math.clamp(keep.toMillis() / 4, 100, 60_000);
        sweeper = context.scheduler().every(Duration.ofMillis(every),
                () -> Thread.ofVirtual().name("parley-files-sweep").start(spool::sweep));
        LOG.info("files: spool {}, up to {} per file, {} in all", spool.dir(),
                Progress.bytes(config.get(FilesSettings.MAX_SIZE)), Progress.bytes(spool.quota()));
    }

    @Override
    public void stop() {
        Registration task = sweeper;
        if (task != null) {
            task.cancel();
        }
    }
}
