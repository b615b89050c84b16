package parley.files.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.Message;
import parley.api.client.ClientException;
import parley.api.client.Progress;
import parley.api.client.RefusedException;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.client.CurrentRoom;
import parley.files.FileInfo;
import parley.files.FileVerbs;
import parley.files.FilesSettings;
import tools.jackson.databind.JsonNode;

/**
 * The interactive client's files: {@code /file <path>} sends a file to the current room,
 * {@code /files [room]} lists a room's files, {@code /get <id> [dir]} downloads one; FILE offers are
 * shown as a line with the command to fetch them.
 *
 * <p>Transfers run on virtual threads of their own, so the prompt stays usable; their progress (bytes,
 * rate, time left) goes to the client's status line. Offers seen in pushes and listings are remembered,
 * so {@code /get} knows the size to show and the hash to expect. Thread-safe.
 */
public final class FilesClient implements ClientExtension {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneId.systemDefault());

    /** Offers seen, by file id. */
    private final Map<String, FileInfo> known = new ConcurrentHashMap<>();
    /** Rooms this client is sending a file to right now. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    /** Files this client is downloading right now. */
    private final Set<String> fetching = ConcurrentHashMap.newKeySet();

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("file", "<path>", "send a file to the current room, with a progress bar", this::send),
                new SlashCommand("files", "[room]", "list the files offered in a room (the current one by default)",
                        this::list),
                new SlashCommand("get", "<id> [dir]", "download a file, check its SHA-256, never overwrite",
                        this::get));
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        if (!FileVerbs.FILE.equals(push.type()) || !(push.get("file") instanceof JsonNode node) || !node.isObject()) {
            return false;
        }
        FileInfo file = FileInfo.fromJson(node);
        known.put(file.id(), file);
        context.print("* " + push.text("pseudo") + " offers " + file.filename() + " (" + Progress.bytes(file.size())
                + ") in " + push.text("room") + ": /get " + file.id());
        return true;
    }

    private void send(String args, ClientContext context) {
        String room = CurrentRoom.of(context).get();
        if (room == null) {
            context.print("! you are in no room: /join a room, then /file <path>");
            return;
        }
        if (args.isEmpty()) {
            context.print("! which file? /file <path>");
            return;
        }
        Path path = expand(unquote(args));
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            context.print("! cannot send " + path + ": no readable file there");
            return;
        }
        if (!sending.add(room)) {
            context.print("! you are already sending a file to " + room + "; wait for it to finish");
            return;
        }
        int chunk = (int) Math.clamp(context.config().get(FilesSettings.CHUNK_SIZE), 1024, 16L << 20);
        Thread.ofVirtual().name("parley-files-send").start(() -> {
            String outcome;
            try {
                long size = Files.size(path);
                Progress.Tracker hashing = new Progress.Tracker(size);
                String sha256 = Uploader.hash(path, done -> show(context, "hashing " + path.getFileName(), hashing.update(done)));
                Progress.Tracker sent = new Progress.Tracker(size);
                FileInfo file = Uploader.send(context.client(), room, path, sha256, chunk,
                        done -> show(context, "sending " + path.getFileName(), sent.update(done)));
                known.put(file.id(), file);
                outcome = "sent " + file.filename() + " (" + Progress.bytes(file.size()) + ") to " + room + " as "
                        + file.id() + ", SHA-256 verified by the server";
            } catch (RefusedException e) {
                outcome = "! " + path.getFileName() + " not sent: " + e.reason();
            } catch (Exception e) {
                outcome = "! " + path.getFileName() + " not sent: " + message(e);
            } finally {
                context.status(null);
                sending.remove(room); // free before telling the user, who may send again at once
            }
            context.print(outcome);
        });
    }

    private void list(String args, ClientContext context) {
        String room = args.isEmpty() ? CurrentRoom.of(context).get() : args;
        if (room == null) {
            context.print("! which room? /files <room>");
            return;
        }
        List<FileInfo> files = listing(context, room);
        if (files.isEmpty()) {
            context.print("no files in " + room);
        }
    }

    /** Asks for a room's files, prints them and remembers them. */
    private List<FileInfo> listing(ClientContext context, String room) {
        Message reply = context.client().expect(Message.of(FileVerbs.FILES).put("room", room), FileVerbs.FILES);
        JsonNode list = reply.get("files");
        List<FileInfo> out = new java.util.ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                FileInfo file = FileInfo.fromJson(entry);
                known.put(file.id(), file);
                out.add(file);
                String when = entry.hasNonNull("time") ? TIME.format(Instant.parse(entry.get("time").stringValue())) : "";
                context.print(String.format("  %-12s %-32s %10s  from %s  %s", file.id(), file.filename(),
                        Progress.bytes(file.size()), entry.path("pseudo").asString(""), when));
            }
        }
        return out;
    }

    private void get(String args, ClientContext context) {
        if (args.isEmpty()) {
            context.print("! which file? /get <id> [dir]   (/files lists them)");
            return;
        }
        int space = args.indexOf(' ');
        String id = space < 0 ? args : args.substring(0, space);
        Path dir = space < 0 ? context.config().get(FilesSettings.DOWNLOAD_DIR) : expand(unquote(args.substring(space + 1).strip()));
        FileInfo expected = known.get(id);
        if (expected == null && CurrentRoom.of(context).get() != null) {
            expected = find(context, id).orElse(null);
        }
        if (!fetching.add(id)) {
            context.print("! you are already downloading " + id);
            return;
        }
        FileInfo offer = expected;
        Thread.ofVirtual().name("parley-files-get").start(() -> {
            String outcome;
            try {
                Progress.Tracker tracker = new Progress.Tracker(offer == null ? 0 : offer.size());
                String label = "getting " + (offer == null ? id : offer.filename());
                Downloader.Saved saved = Downloader.get(context.client(), id, offer, dir,
                        done -> show(context, label, offer == null ? Progress.bytes(done) : tracker.update(done)));
                String asked = saved.file().filename();
                String name = saved.path().getFileName().toString();
                outcome = "saved " + saved.path() + " (" + Progress.bytes(saved.file().size()) + ", SHA-256 verified)"
                        + (name.equals(asked) ? "" : "; " + asked + " was taken, so it is named " + name);
            } catch (RefusedException e) {
                outcome = "! " + id + " not saved: " + e.reason();
            } catch (Exception e) {
                outcome = "! " + id + " not saved: " + message(e);
            } finally {
                context.status(null);
                fetching.remove(id); // free before telling the user, who may get it again at once
            }
            context.print(outcome);
        });
    }

    /** Looks an id up in the current room's listing, quietly. */
    private Optional<FileInfo> find(ClientContext context, String id) {
        try {
            Message reply = context.client().call(Message.of(FileVerbs.FILES).put("room", CurrentRoom.of(context).get()),
                    Duration.ofSeconds(10));
            JsonNode list = reply.get("files");
            if (FileVerbs.FILES.equals(reply.type()) && list != null && list.isArray()) {
                for (JsonNode entry : list) {
                    FileInfo file = FileInfo.fromJson(entry);
                    known.put(file.id(), file);
                }
            }
        } catch (ClientException | IllegalArgumentException e) {
            // shown without a size then
        }
        return Optional.ofNullable(known.get(id));
    }

    private static void show(ClientContext context, String label, String line) {
        if (line != null) {
            context.status(label + " " + line);
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static Path expand(String path) {
        return parley.api.Setting.homePath(path);
    }
}
