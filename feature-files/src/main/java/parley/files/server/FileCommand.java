package parley.files.server;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import parley.api.Message;
import parley.api.Request;
import parley.api.Verbs;
import parley.api.PayloadForm;
import parley.api.client.Progress;
import parley.api.spi.Command;
import parley.files.FileInfo;
import parley.files.FileNames;
import parley.files.FileVerbs;
import parley.files.Sha256;

/**
 * {@code FILE "room" "pseudo" "filename" "base64" ["size"] ["sha256"]}: the text protocol's upload, a
 * small file inline in one line, stored and offered in one step. The sender gets OK (framed: with the
 * {@code file} object) or KO with the reason. The same verb, in JSON with the same fields, works on a
 * framed connection; framed clients normally use SEND_FILE.
 *
 * <p>One step, not a sequence: the line is handled on the sender's reader thread, which reads nothing
 * else of that connection until it answers, so the sender is blocked until then. A FILE to a room
 * where the same connection runs a SEND_FILE is refused as busy.
 */
final class FileCommand implements Command {

    private final FileService files;

    FileCommand(FileService files) {
        this.files = files;
    }

    @Override
    public String verb() {
        return FileVerbs.FILE;
    }

    @Override
    public List<String> legacyArgs() {
        return FileService.FILE_LINE;
    }

    @Override
    public String help() {
        return "sends a small file inline: base64 content, at most files.inline-max; framed clients use SEND_FILE";
    }

    @Override
    public void handle(Request request) {
        Message message = request.message();
        String room = request.require("room");
        String name = request.require("filename");
        String data = request.require("data");
        String me = request.session().pseudo();
        String claimed = message.text("pseudo");
        if (claimed != null && !claimed.equalsIgnoreCase(me)) {
            request.ko("you are " + me + ", not " + claimed + ": a file can only be sent under your own pseudo");
            return;
        }
        if (message.has("id")) {
            request.error("FILE must not give an \"id\": the server chooses it");
            return;
        }
        Optional<String> refusal = files.refusal(room, request.session());
        if (refusal.isPresent()) {
            request.ko(refusal.get());
            return;
        }
        if (files.uploading(request.session(), room)) {
            request.ko("busy: your SEND_FILE in " + room + " is still running; wait for its COMPLETE or ERROR");
            return;
        }
        String filename = FileNames.clean(name);
        if ((long) data.length() / 4 * 3 > files.inlineMax() + 2) {
            request.ko(filename + " is too big to send inline: a FILE line holds at most "
                    + Progress.bytes(files.inlineMax()) + " (files.inline-max); send it with a framed client"
                    + " (parley client: /file <path>)");
            return;
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            request.error("FILE data must be the file's content in base64: " + e.getMessage());
            return;
        }
        if (content.length > files.maxSize()) {
            request.ko(filename + " is " + Progress.bytes(content.length) + ", over this server's limit of "
                    + Progress.bytes(files.maxSize()) + " (files.max-size); nothing was stored");
            return;
        }
        if (message.has("size") && Declared.size(message.get("size"), "size") != content.length) {
            request.ko(filename + ": data holds " + content.length + " bytes but size says " + message.get("size")
                    + "; nothing was kept");
            return;
        }
        String actual = Sha256.of(content);
        if (message.has("sha256")) {
            String declared = Declared.hash(request.require("sha256"), "sha256");
            if (!declared.equals(actual)) {
                request.ko(filename + ": SHA-256 mismatch: sha256 is " + declared + " but data hashes to " + actual
                        + "; nothing was kept");
                return;
            }
        }
        try {
            files.spool().reserve(request.session().pseudo(), content.length);
        } catch (Refused e) {
            request.ko(e.getMessage());
            return;
        }
        StoredFile file;
        try {
            file = files.spool().store(new FileInfo(files.spool().newId(), filename, content.length, actual), content,
                    room, me);
        } catch (IOException e) {
            request.ko("the server cannot store " + filename + ": " + e.getMessage());
            return;
        }
        files.offer(file, request.session());
        Message ok = Message.of(Verbs.OK);
        if (request.session().form() == PayloadForm.JSON) {
            ok.put("file", file.info().toJson());
        }
        request.reply(ok);
    }
}
