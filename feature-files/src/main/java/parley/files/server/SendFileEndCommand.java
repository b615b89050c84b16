package parley.files.server;

import parley.api.Request;
import parley.api.sequence.Sequence;
import parley.api.spi.Command;
import parley.files.FileVerbs;

/**
 * {@code {"type":"SEND_FILE_END","seq":"s-7"}}: the sender's last chunk of upload {@code s-7} is sent.
 * It has no reply of its own: the upload's COMPLETE or ERROR answers it. A {@code seq} that names no
 * upload of this sender gets KO. Runs on the sender's reader thread, after every chunk it sent before.
 */
final class SendFileEndCommand implements Command {

    private final FileService files;

    SendFileEndCommand(FileService files) {
        this.files = files;
    }

    @Override
    public String verb() {
        return FileVerbs.SEND_FILE_END;
    }

    @Override
    public String help() {
        return "ends a chunked upload (framed): {\"seq\":\"<the upload's id from its ACK>\"}";
    }

    @Override
    public void handle(Request request) {
        var seq = request.message().seq();
        if (seq == null) {
            request.error("SEND_FILE_END needs \"seq\": the id of the upload it ends, from the ACK of its SEND_FILE");
            return;
        }
        String id = seq.isString() ? seq.stringValue() : seq.asString();
        Sequence upload = request.server().sequences().find(id)
                .filter(s -> FileVerbs.SEND_FILE.equals(s.action()) && s.initiator() == request.session())
                .filter(s -> s.attachment(Object.class) instanceof Upload)
                .orElse(null);
        if (upload == null) {
            request.ko("no upload " + id + " of yours is open: it never started, already ended (see its COMPLETE"
                    + " or ERROR), or was sent inline");
            return;
        }
        files.uploads().finish(upload, request.session());
    }
}
