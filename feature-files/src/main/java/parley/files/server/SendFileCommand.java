package parley.files.server;

import parley.api.Request;
import parley.api.PayloadForm;
import parley.api.spi.Command;
import parley.files.FileVerbs;

/**
 * {@code SEND_FILE}: starts an upload sequence (framed only). See {@link SendFileAction} for what
 * happens next, and docs/PROTOCOL.md for the messages. Runs on the sender's reader thread.
 */
final class SendFileCommand implements Command {

    private final FileService files;

    SendFileCommand(FileService files) {
        this.files = files;
    }

    @Override
    public String verb() {
        return FileVerbs.SEND_FILE;
    }

    @Override
    public String help() {
        return "sends a file to a room (framed): {\"seq\":..,\"room\":..,\"meta\":{\"filename\":..,\"size\":..,"
                + "\"sha256\":..}} with \"data\" (base64) or followed by binary chunks and SEND_FILE_END";
    }

    @Override
    public void handle(Request request) {
        if (request.session().form() == PayloadForm.LINE) {
            request.error("SEND_FILE is for framed clients; a text client sends a small file with"
                    + " FILE \"room\" \"pseudo\" \"filename\" \"base64 content\"");
            return;
        }
        request.server().sequences().begin(files.uploads(), request);
    }
}
