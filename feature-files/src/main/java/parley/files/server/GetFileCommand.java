package parley.files.server;

import java.util.List;

import parley.api.Request;
import parley.api.PayloadForm;
import parley.api.client.Progress;
import parley.api.spi.Command;
import parley.files.FileVerbs;

/**
 * {@code GET_FILE}: downloads a file offered in a room the sender is in.
 *
 * <p>Framed: starts a {@link GetFileAction} sequence, streamed in binary frames. Text:
 * {@code GET_FILE "f-abc"} answers the FILE line with the content inline, or KO when the file is
 * larger than {@code files.inline-max}. Runs on the sender's reader thread; the text answer reads the
 * (small) file there.
 */
final class GetFileCommand implements Command {

    private final FileService files;

    GetFileCommand(FileService files) {
        this.files = files;
    }

    @Override
    public String verb() {
        return FileVerbs.GET_FILE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("id");
    }

    @Override
    public String help() {
        return "downloads a file of a room you are in: framed, streamed in binary frames; text, inline if small";
    }

    @Override
    public void handle(Request request) {
        if (request.session().form() == PayloadForm.JSON) {
            request.server().sequences().begin(files.downloads(), request);
            return;
        }
        String id = request.require("id");
        StoredFile file = files.spool().find(id).orElse(null);
        if (file == null) {
            request.ko("no file '" + id + "' on this server: it is unknown or no longer kept; FILES \"room\" lists"
                    + " a room's files");
            return;
        }
        var refusal = files.refusal(file.room(), request.session());
        if (refusal.isPresent()) {
            request.ko(file.id() + " is in " + file.room() + ": " + refusal.get());
            return;
        }
        if (file.size() > files.inlineMax()) {
            request.ko(file.id() + " (" + file.info().filename() + ") is " + Progress.bytes(file.size())
                    + ", too big for a text line (files.inline-max is " + Progress.bytes(files.inlineMax())
                    + "): fetch it with a framed client (parley client: /get " + file.id() + ")");
            return;
        }
        request.reply(files.legacyLine(file, true));
    }
}
