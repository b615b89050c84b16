package parley.files.server;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.Message;
import parley.api.Outbound;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.PayloadForm;
import parley.api.client.Progress;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDirectory;
import parley.files.DirectBuffers;
import parley.files.FileVerbs;
import parley.files.FilesSettings;

/**
 * The files plugin's state on one server: the spool, the settings, the two sequence actions, the
 * download slots; and what the commands share: the membership check and the FILE offer.
 *
 * <p>Made by {@link FilesFeature#start} and registered in the server's {@link parley.api.Services}, where
 * the commands find it. Thread-safe.
 */
final class FileService {

    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

    private final ServerContext server;
    private final Spool spool;
    private final long maxSize;
    private final long inlineMax;
    private final Duration stallTimeout;
    private final int maxDownloads;
    private final BufferBudget buffers = BufferBudget.ofHeap();
    private final Semaphore downloadSlots;
    private final DirectBuffers directBuffers;
    private final SendFileAction uploads;
    private final GetFileAction downloads;

    FileService(ServerContext server, Spool spool, Config config) {
        this.server = server;
        this.spool = spool;
        this.maxSize = config.get(FilesSettings.MAX_SIZE);
        this.inlineMax = config.get(FilesSettings.INLINE_MAX);
        this.stallTimeout = config.get(FilesSettings.STALL_TIMEOUT);
        this.maxDownloads = downloadsFor(config.get(FilesSettings.MAX_DOWNLOADS), Runtime.getRuntime().maxMemory());
        this.downloadSlots = new Semaphore(maxDownloads);
        this.directBuffers = new DirectBuffers(Download.CHUNK, maxDownloads * Download.BUFFERS);
        this.uploads = new SendFileAction(this);
        this.downloads = new GetFileAction(this);
    }

    ServerContext server() {
        return server;
    }

    Spool spool() {
        return spool;
    }

    long maxSize() {
        return maxSize;
    }

    long inlineMax() {
        return inlineMax;
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    /** How many downloads fit: the setting, or fewer if their buffers would take more than a quarter of the heap. */
    static int downloadsFor(int setting, long maxHeap) {
        int fit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeap / 4 / Download.FOOTPRINT));
        if (fit < setting) {
            LOG.info("files: at most {} downloads at once (files.max-downloads is {}, but each holds about {} and"
                    + " the heap is {})", fit, setting, Progress.bytes(Download.FOOTPRINT), Progress.bytes(maxHeap));
            return fit;
        }
        return setting;
    }

    BufferBudget buffers() {
        return buffers;
    }

    /** The direct buffers downloads read chunks into. */
    DirectBuffers directBuffers() {
        return directBuffers;
    }

    SendFileAction uploads() {
        return uploads;
    }

    GetFileAction downloads() {
        return downloads;
    }

    /** Takes a download slot, or says why not. */
    Optional<String> takeDownloadSlot() {
        return downloadSlots.tryAcquire() ? Optional.empty()
                : Optional.of("busy: the server already streams " + maxDownloads
                + " downloads (files.max-downloads); try again when one is done");
    }

    void releaseDownloadSlot() {
        downloadSlots.release();
    }

    /**
     * Why this session may not use the files of {@code room}, or empty when it may: the room must exist and
     * the session must be in it.
     */
    Optional<String> refusal(String room, Session session) {
        Optional<RoomDirectory> rooms = server.services().find(RoomDirectory.class);
        if (rooms.isEmpty()) {
            return Optional.of("this server has no rooms: files are sent to rooms, so the files plugin needs the"
                    + " rooms plugin (parley-feature-rooms.jar)");
        }
        if (!rooms.get().exists(room)) {
            return Optional.of("unknown room '" + room + "': this server has " + String.join(", ", rooms.get().rooms()));
        }
        if (!rooms.get().isMember(room, session)) {
            return Optional.of("you are not in " + room + ": send JOIN_ROOM \"" + room + "\" first");
        }
        return Optional.empty();
    }

    /** True when the session runs a SEND_FILE upload in this room. */
    boolean uploading(Session session, String room) {
        return server.sequences().active().stream().anyMatch(s -> s.initiator() == session
                && FileVerbs.SEND_FILE.equals(s.action()) && room.equals(s.start().text("room")));
    }

    /**
     * Offers a stored file to the other members of its room, in the room's order: framed members get
     * {@code {"type":"FILE","room":..,"pseudo":..,"file":{..}}}; text members get the FILE line, with the
     * content inline when it is at most {@code files.inline-max}. Each form is encoded once.
     */
    void offer(StoredFile file, Session sender) {
        RoomDirectory rooms = server.services().find(RoomDirectory.class).orElse(null);
        if (rooms == null) {
            return;
        }
        Message framed = Message.of(FileVerbs.FILE).put("room", file.room()).put("pseudo", file.pseudo())
                .put("file", file.info().toJson());
        boolean lines = rooms.members(file.room()).stream().anyMatch(m -> m.session().form() == PayloadForm.LINE);
        Outbound offer = lines ? server.encodeOnce(framed, legacyLine(file, file.size() <= inlineMax))
                : server.encodeOnce(framed);
        rooms.broadcast(file.room(), offer, sender);
    }

    /**
     * The text form of a file: {@code FILE "room" "pseudo" "filename" "base64" "size" "sha256" "id"}. The
     * base64 is empty when {@code withContent} is false or the content cannot be read.
     */
    Message legacyLine(StoredFile file, boolean withContent) {
        String data = "";
        if (withContent) {
            try {
                data = Base64.getEncoder().encodeToString(Files.readAllBytes(spool.data(file.id())));
            } catch (IOException e) {
                LOG.warn("cannot read {} to send it inline", file.id(), e);
            }
        }
        return Message.of(FileVerbs.FILE).put("room", file.room()).put("pseudo", file.pseudo())
                .put("filename", file.info().filename()).put("data", data).put("size", file.size())
                .put("sha256", file.info().sha256()).put("id", file.id());
    }

    /** The legacy shape of FILE, shared by the request and every FILE line. */
    static final List<String> FILE_LINE = List.of("room", "pseudo", "filename", "data", "size?", "sha256?", "id?");
}
