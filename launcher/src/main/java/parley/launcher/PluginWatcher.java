package parley.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginScanner;
import parley.api.server.LoadedPlugin;
import parley.api.server.ParleyServer;

/**
 * Hot reload ({@code parley server --watch}): watches a plugins directory while the server runs. An
 * entry (jar or folder) that appears is loaded, one that disappears is unloaded, one that changes is
 * unloaded and loaded again, each into a fresh module layer.
 *
 * <p>It polls: every scan compares each entry's size and newest modification time with what it saw
 * before, and acts on a change only once the entry looked the same on two scans in a row, so that a
 * jar still being copied in is not loaded half-written. One thread scans; {@link #scan()} may also be
 * called directly. What happens is reported, one line each, to the reporter.
 */
final class PluginWatcher implements AutoCloseable {

    /** What an entry looked like: its total size and its newest modification time. */
    private record Stamp(long size, long modified) {
    }

    private final Path directory;
    private final ParleyServer server;
    private final Consumer<String> report;
    /** The stamp of each entry as it is loaded now. */
    private final Map<Path, Stamp> loaded = new HashMap<>();
    /** The stamp seen on the last scan, for entries that changed since they were loaded. */
    private final Map<Path, Stamp> settling = new HashMap<>();
    private volatile Thread thread;

    PluginWatcher(Path directory, ParleyServer server, Consumer<String> report) {
        this.directory = directory;
        this.server = server;
        this.report = report;
        for (Path entry : PluginLoader.entries(directory, new ArrayList<>())) {
            loaded.put(entry, stamp(entry));
        }
    }

    /** Starts scanning every {@code every} on a virtual thread. */
    void start(Duration every) {
        thread = Thread.ofVirtual().name("parley-plugin-watcher").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                scan();
            }
        });
    }

    /** Compares the directory with what is loaded and acts on the entries that settled. */
    synchronized void scan() {
        Map<Path, Stamp> now = new HashMap<>();
        for (Path entry : PluginLoader.entries(directory, new ArrayList<>())) {
            now.put(entry, stamp(entry));
        }
        for (Path entry : List.copyOf(loaded.keySet())) {
            if (!now.containsKey(entry)) {
                unload(entry);
                loaded.remove(entry);
                settling.remove(entry);
            }
        }
        for (Map.Entry<Path, Stamp> entry : now.entrySet()) {
            Path path = entry.getKey();
            Stamp stamp = entry.getValue();
            if (stamp.equals(loaded.get(path))) {
                settling.remove(path);
                continue;
            }
            if (!stamp.equals(settling.put(path, stamp))) {
                continue; // still changing: wait for it to settle
            }
            settling.remove(path);
            if (loaded.containsKey(path)) {
                unload(path);
            }
            load(path);
            loaded.put(path, stamp);
        }
    }

    private void load(Path entry) {
        PluginScanner.Result found = PluginLoader.loadEntry(entry);
        List<PluginFailure> failures = new ArrayList<>(found.failures());
        failures.addAll(server.load(found.plugins()));
        for (LoadedPlugin plugin : server.plugins()) {
            if (plugin.source().equals(entry.toString())) {
                report.accept("plugin " + plugin.summary() + " loaded from " + entry.getFileName());
            }
        }
        failures.forEach(f -> report.accept("FAILED " + f));
    }

    private void unload(Path entry) {
        for (LoadedPlugin plugin : server.plugins()) {
            if (!plugin.source().equals(entry.toString())) {
                continue;
            }
            try {
                for (String name : server.unload(plugin.name())) {
                    report.accept("plugin " + name + " unloaded" + (name.equals(plugin.name()) ? ""
                            : " (it needs " + plugin.name() + ")"));
                }
            } catch (IllegalStateException e) {
                report.accept("FAILED " + plugin.name() + ": " + e.getMessage());
            }
        }
    }

    private static Stamp stamp(Path entry) {
        try (Stream<Path> files = Files.walk(entry)) {
            long size = 0;
            long modified = 0;
            for (Path file : files.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                size += attributes.isRegularFile() ? attributes.size() : 0;
                modified = Math.max(modified, attributes.lastModifiedTime().toMillis());
            }
            return new Stamp(size, modified);
        } catch (IOException e) {
            return new Stamp(-1, -1); // vanishing while read: the next scan will see
        }
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
