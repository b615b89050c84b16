package parley.files.server;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.client.Progress;
import parley.api.wire.Json;
import parley.files.FileInfo;
import tools.jackson.core.JacksonException;

/**
 * The files the server keeps, on disk and in an index, within a quota and an age limit.
 *
 * <p><b>On disk</b>, in one directory: {@code <id>.data} is a file's content, {@code <id>.json} its
 * {@link StoredFile} record, {@code <id>.part} an upload still arriving. A file's id is its only name
 * on disk; the user's file name is only in the record. A file becomes visible when its content has
 * been moved from {@code .part} to {@code .data} and its record written; at start, part files and
 * content without a record (left by a crash) are deleted, and the records found are loaded again, so
 * files survive a restart within their age limit.
 *
 * <p><b>Quotas.</b> The bytes stored plus the bytes reserved by uploads in progress never pass the
 * quota, nor, for one user, the user quota. An upload reserves its declared size before its first
 * byte is written: to make room, the uploader's own oldest files are deleted, never anyone else's; if
 * that is not enough, or the uploads in progress alone leave no room, it is refused. So no user can
 * push other people's files out; files leave by age ({@code files.keep-for}).
 * Files older than the age limit are deleted by {@link #sweep} and are invisible from the moment they
 * expire.
 *
 * <p><b>Threading.</b> Thread-safe. One lock guards the index and the counts; file I/O happens outside
 * it, except the deletes of evicted files.
 */
final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String DATA = ".data";
    private static final String RECORD = ".json";
    private static final String PART = ".part";
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int ID_LENGTH = 10;

    private final Path dir;
    private final long quota;
    private final long userQuota;
    /** Bytes reserved by uploads in progress, by user (the key of their pseudo). */
    private final java.util.Map<String, Long> reservedBy = new java.util.HashMap<>();
    private final Duration keepFor;
    private final long minFreeDisk;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    /** By id, oldest first. */
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private long stored;
    private long reserved;

    private Spool(Path dir, long quota, long userQuota, Duration keepFor, long minFreeDisk) {
        this.userQuota = Math.min(userQuota, quota);
        this.dir = dir;
        this.quota = quota;
        this.keepFor = keepFor;
        this.minFreeDisk = minFreeDisk;
    }

    /**
     * Opens the spool in {@code dir}, creating it if needed: deletes what a crash left, loads the records,
     * then applies the age limit and the quota.
     *
     * @throws IOException when the directory cannot be created, listed or written
     */
    static Spool open(Path dir, long quota, long userQuota, Duration keepFor, long minFreeDisk) throws IOException {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".probe-", ".tmp");
        Files.delete(probe);
        Spool spool = new Spool(dir.toAbsolutePath().normalize(), quota, userQuota, keepFor, minFreeDisk);
        spool.load();
        spool.sweep();
        return spool;
    }

    Path dir() {
        return dir;
    }

    long quota() {
        return quota;
    }

    /** A fresh id, {@code f-} and 10 lowercase letters or digits, used by no stored file or upload. */
    String newId() {
        while (true) {
            StringBuilder id = new StringBuilder("f-");
            for (int i = 0; i < ID_LENGTH; i++) {
                id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
            }
            String candidate = id.toString();
            lock.lock();
            try {
                if (!files.containsKey(candidate) && !Files.exists(part(candidate)) && !Files.exists(data(candidate))) {
                    return candidate;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    Path part(String id) {
        return dir.resolve(id + PART);
    }

    Path data(String id) {
        return dir.resolve(id + DATA);
    }

    private Path record(String id) {
        return dir.resolve(id + RECORD);
    }

    /**
     * Reserves room for {@code pseudo}'s upload of {@code size} bytes, deleting that user's own oldest
     * files if a quota needs it. Every successful call must be matched by {@link #release} or
     * {@link #commit} for the same user.
     *
     * @throws Refused when the uploads in progress leave no room, the space is full of other people's
     *                 files, or the disk has too little space
     */
    void reserve(String pseudo, long size) throws Refused {
        String user = parley.api.Names.key(pseudo);
        List<StoredFile> evicted = new ArrayList<>();
        lock.lock();
        try {
            long mineReserved = reservedBy.getOrDefault(user, 0L);
            if (reserved + size > quota) {
                throw new Refused("the server's file space is taken by uploads in progress ("
                        + Progress.bytes(reserved) + " of its " + Progress.bytes(quota)
                        + " quota, files.quota): try again when they are done");
            }
            if (size > userQuota) {
                throw new Refused("a file of " + Progress.bytes(size) + " is larger than your quota of "
                        + Progress.bytes(userQuota) + " (files.user-quota)");
            }
            if (mineReserved + size > userQuota) {
                throw new Refused("your uploads in progress already take " + Progress.bytes(mineReserved) + " of your "
                        + Progress.bytes(userQuota) + " (files.user-quota): wait until they are done");
            }
            long free = usableSpace();
            if (free - (reserved + size) < minFreeDisk) {
                throw new Refused("the server's disk is too full for " + Progress.bytes(size) + ": "
                        + Progress.bytes(free) + " free, and it keeps " + Progress.bytes(minFreeDisk)
                        + " free (files.min-free-disk); ask its admin to make room");
            }
            long mineStored = 0;
            for (StoredFile file : files.values()) {
                if (parley.api.Names.key(file.pseudo()).equals(user)) {
                    mineStored += file.size();
                }
            }
            // the user's own files, oldest first, as many as the two quotas need; nothing else is touched
            long needMine = mineStored + mineReserved + size - userQuota;
            long needAll = stored + reserved + size - quota;
            for (StoredFile file : files.values()) {
                if (needMine <= 0 && needAll <= 0) {
                    break;
                }
                if (parley.api.Names.key(file.pseudo()).equals(user)) {
                    evicted.add(file);
                    needMine -= file.size();
                    needAll -= file.size();
                }
            }
            if (needAll > 0) {
                throw new Refused("the server's file space is full (" + Progress.bytes(stored + reserved) + " of "
                        + Progress.bytes(quota) + ", files.quota) with other people's files, which are never"
                        + " deleted to make room for yours: try again when some expire (files.keep-for)");
            }
            for (StoredFile victim : evicted) {
                files.remove(victim.id());
                stored -= victim.size();
            }
            reserved += size;
            reservedBy.merge(user, size, Long::sum);
            for (StoredFile victim : evicted) {
                LOG.info("deleting {} ({}) of {} to make room for {}'s upload within the quotas", victim.id(),
                        victim.info().filename(), victim.room(), pseudo);
                deleteQuietly(victim.id());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a reservation whose upload failed. */
    void release(String pseudo, long size) {
        lock.lock();
        try {
            unreserve(pseudo, size);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void unreserve(String pseudo, long size) {
        reserved = Math.max(0, reserved - size);
        reservedBy.computeIfPresent(parley.api.Names.key(pseudo), (u, n) -> n - size <= 0 ? null : n - size);
    }

    /**
     * Makes an upload a stored file: moves its part file into place, writes its record, and turns its
     * reservation of {@code info.size()} bytes into stored bytes. On failure the reservation is released
     * and nothing of it is left on disk.
     */
    StoredFile commit(FileInfo info, String room, String pseudo) throws IOException {
        StoredFile file = new StoredFile(info, room, pseudo, Instant.now());
        try {
            move(part(info.id()), data(info.id()));
            Path temp = dir.resolve(info.id() + RECORD + PART);
            Files.write(temp, StoredFile.encode(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            move(temp, record(info.id()));
        } catch (IOException e) {
            deleteQuietly(info.id());
            Files.deleteIfExists(dir.resolve(info.id() + RECORD + PART));
            release(pseudo, info.size());
            throw e;
        }
        lock.lock();
        try {
            unreserve(pseudo, info.size());
            stored += info.size();
            files.put(info.id(), file);
        } finally {
            lock.unlock();
        }
        return file;
    }

    /** Writes content already in memory (an inline upload) and commits it; the caller reserved its size. */
    StoredFile store(FileInfo info, byte[] content, String room, String pseudo) throws IOException {
        try {
            Files.write(part(info.id()), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(part(info.id()));
            release(pseudo, info.size());
            throw e;
        }
        return commit(info, room, pseudo);
    }

    /** Deletes a stored file (its upload turned out to be refused after all). */
    void remove(String id) {
        lock.lock();
        try {
            StoredFile file = files.remove(id);
            if (file != null) {
                stored -= file.size();
            }
        } finally {
            lock.unlock();
        }
        deleteQuietly(id);
    }

    /** A stored file that has not expired. */
    Optional<StoredFile> find(String id) {
        Instant now = Instant.now();
        lock.lock();
        try {
            StoredFile file = files.get(id);
            return file == null || expired(file, now) ? Optional.empty() : Optional.of(file);
        } finally {
            lock.unlock();
        }
    }

    /** The files of a room that have not expired, oldest first. */
    List<StoredFile> inRoom(String room) {
        Instant now = Instant.now();
        lock.lock();
        try {
            return files.values().stream().filter(f -> f.room().equals(room) && !expired(f, now)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the stored files. */
    long storedBytes() {
        lock.lock();
        try {
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes reserved by uploads in progress. */
    long reservedBytes() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the files past the age limit, and any beyond the quota (after a restart with a smaller one). */
    void sweep() {
        Instant now = Instant.now();
        List<StoredFile> gone = new ArrayList<>();
        lock.lock();
        try {
            var it = files.values().iterator();
            while (it.hasNext()) {
                StoredFile file = it.next();
                if (expired(file, now) || stored + reserved > quota) {
                    it.remove();
                    stored -= file.size();
                    gone.add(file);
                }
            }
        } finally {
            lock.unlock();
        }
        for (StoredFile file : gone) {
            LOG.info("deleting {} ({}) of {}: kept for {}", file.id(), file.info().filename(), file.room(), keepFor);
            deleteQuietly(file.id());
        }
    }

    private boolean expired(StoredFile file, Instant now) {
        return !keepFor.isZero() && file.storedAt().plus(keepFor).isBefore(now);
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("cannot read the free space of {}", dir, e);
            return Long.MAX_VALUE;
        }
    }

    private void load() throws IOException {
        List<StoredFile> found = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(PART)) {
                    leftovers.add(entry);
                } else if (name.endsWith(RECORD)) {
                    readRecord(entry).ifPresentOrElse(found::add, () -> leftovers.add(entry));
                }
            }
        }
        for (Path leftover : leftovers) {
            LOG.info("deleting {}: an upload that never finished, or a damaged record", leftover);
            Files.deleteIfExists(leftover);
        }
        found.sort(Comparator.comparing(StoredFile::storedAt));
        for (StoredFile file : found) {
            files.put(file.id(), file);
            stored += file.size();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + DATA)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!files.containsKey(name.substring(0, name.length() - DATA.length()))) {
                    LOG.info("deleting {}: content without a record", entry);
                    Files.deleteIfExists(entry);
                }
            }
        }
        if (!files.isEmpty()) {
            LOG.info("spool {}: {} files, {}", dir, files.size(), Progress.bytes(stored));
        }
    }

    /** The record, if it is readable and its content is there with the right size. */
    private Optional<StoredFile> readRecord(Path path) {
        try {
            StoredFile file = StoredFile.fromJson(Json.parse(Files.readAllBytes(path)));
            String name = path.getFileName().toString();
            if (!file.id().equals(name.substring(0, name.length() - RECORD.length()))) {
                return Optional.empty();
            }
            Path content = data(file.id());
            if (!Files.isRegularFile(content) || Files.size(content) != file.size()) {
                Files.deleteIfExists(content);
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (IOException | JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            LOG.warn("ignoring the damaged record {}: {}", path, e.getMessage());
            return Optional.empty();
        }
    }

    private void deleteQuietly(String id) {
        for (Path path : List.of(record(id), data(id), part(id))) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("cannot delete {}", path, e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Its figures for STATS and metrics: files stored and their bytes, bytes reserved by uploads in progress. */
    java.util.List<parley.api.Figure> figures() {
        lock.lock();
        try {
            return java.util.List.of(
                    parley.api.Figure.gauge("files_stored", files.size(), "files in the spool"),
                    parley.api.Figure.gauge("files_stored_bytes", stored, "bytes of the files in the spool"),
                    parley.api.Figure.gauge("files_reserved_bytes", reserved, "bytes reserved by uploads in progress"));
        } finally {
            lock.unlock();
        }
    }
}
