package parley.files.server;

import java.io.IOException;
import java.util.Base64;

import parley.api.BadRequestException;
import parley.api.Request;
import parley.api.Session;
import parley.api.client.Progress;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.wire.Json;
import parley.files.FileInfo;
import parley.files.FileVerbs;
import parley.files.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SEND_FILE sequence: one upload, which keeps its sender busy for SEND_FILE in that room until it
 * ends in COMPLETE (stored and verified) or ERROR.
 *
 * <p><b>Inline</b> ({@code data} present): checked, stored and offered inside {@link #begin}; the
 * sender gets ACK then COMPLETE at once. <b>Chunked</b> ({@code data} absent): {@code begin} reserves
 * the declared size and opens an {@link Upload}; the binary frames tagged with the sequence id go to
 * it; {@link SendFileEndCommand} finishes it. No data arriving for {@code files.stall-timeout} ends it
 * with ERROR (each chunk moves the deadline on). A disconnect or a shutdown aborts it. Whatever ends it
 * early deletes what it stored.
 *
 * <p>Started by {@link SendFileCommand}, not through BEGIN_SEQUENCE: it is not a provided
 * {@link SequenceAction}. Callbacks follow the engine's contract (under the sequence's lock); the
 * binary sink runs on the sender's reader thread and never calls into the sequence while it holds the
 * upload's lock.
 */
final class SendFileAction implements SequenceAction {

    /**
     * Bytes an upload must move to push its deadline back by {@code files.stall-timeout}: with the 30 s
     * default, a sender slower than about 2 KiB/s is taken for stalled.
     */
    static final long MIN_PROGRESS = 64 * 1024;

    private final FileService files;

    SendFileAction(FileService files) {
        this.files = files;
    }

    @Override
    public String action() {
        return FileVerbs.SEND_FILE;
    }

    /** An upload blocks its sender for SEND_FILE in that room only. */
    @Override
    public String busyScope(Request begin) {
        return begin.require("room");
    }

    @Override
    public void begin(Sequence sequence, Request request) {
        Session session = request.session();
        String room = request.require("room");
        files.refusal(room, session).ifPresent(reason -> {
            throw new BadRequestException(reason);
        });
        JsonNode data = request.message().get("data");
        Declared declared = Declared.of(request.message().get("meta"), data == null);
        String oversize = declared.oversize(files.maxSize());
        if (oversize != null) {
            throw new BadRequestException(oversize);
        }
        if (data != null) {
            storeInline(sequence, request, declared, data);
        } else {
            open(sequence, session, room, declared);
        }
    }

    private void storeInline(Sequence sequence, Request request, Declared declared, JsonNode data) {
        if (!data.isString()) {
            throw new BadRequestException("SEND_FILE \"data\" must be the file's content in base64, a string");
        }
        String text = data.stringValue();
        long estimate = (long) text.length() / 4 * 3;
        if (estimate > files.inlineMax() + 2) {
            throw new BadRequestException(declared.filename() + ": inline data is limited to "
                    + Progress.bytes(files.inlineMax()) + " (files.inline-max); send a bigger file in chunks:"
                    + " SEND_FILE without \"data\", then binary frames tagged with the ACK's id, then SEND_FILE_END");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("SEND_FILE \"data\" is not valid base64: " + e.getMessage());
        }
        if (content.length > declared.size()) {
            throw new BadRequestException(declared.filename() + ": data holds " + content.length
                    + " bytes, more than the " + declared.size() + " meta.size declares; nothing was kept");
        }
        if (content.length < declared.size()) {
            throw new BadRequestException(declared.filename() + ": data holds " + content.length
                    + " bytes but meta.size declares " + declared.size() + "; nothing was kept");
        }
        String actual = Sha256.of(content);
        if (declared.sha256() != null && !declared.sha256().equals(actual)) {
            throw new BadRequestException(declared.filename() + ": SHA-256 mismatch: meta.sha256 is "
                    + declared.sha256() + " but data hashes to " + actual + "; nothing was kept");
        }
        String id = files.spool().newId();
        try {
            files.spool().reserve(sequence.initiatorPseudo(), content.length);
        } catch (Refused e) {
            throw new BadRequestException(e.getMessage());
        }
        StoredFile file;
        try {
            file = files.spool().store(new FileInfo(id, declared.filename(), content.length, actual), content,
                    sequence.start().text("room"), sequence.initiatorPseudo());
        } catch (IOException e) {
            throw new BadRequestException("the server cannot store " + declared.filename() + ": " + e.getMessage());
        }
        sequence.complete(result(file)); // sent right after the ACK
        files.offer(file, request.session());
    }

    private void open(Sequence sequence, Session session, String room, Declared declared) {
        String id = files.spool().newId();
        try {
            files.spool().reserve(sequence.initiatorPseudo(), declared.size());
        } catch (Refused e) {
            throw new BadRequestException(e.getMessage());
        }
        Upload upload;
        try {
            upload = Upload.open(files.spool(), id, declared, room, sequence.initiatorPseudo(), files.buffers());
        } catch (IOException e) {
            throw new BadRequestException("the server cannot store " + declared.filename() + ": " + e.getMessage());
        }
        sequence.attach(upload);
        sequence.extendDeadline(files.stallTimeout());
        long[] sinceExtended = {0};
        files.server().routeBinary(session, sequence.id(), data -> {
            int bytes = data.remaining();
            String failure = upload.write(data);
            if (failure != null) {
                files.server().unrouteBinary(session, sequence.id());
                sequence.fail(failure);
                return;
            }
            // the deadline moves on progress, not on any byte: a trickle cannot hold its reservation
            sinceExtended[0] += bytes;
            if (sinceExtended[0] >= MIN_PROGRESS || upload.complete()) {
                sinceExtended[0] = 0;
                sequence.extendDeadline(files.stallTimeout());
            }
        });
    }

    /**
     * Finishes the upload of {@code sequence} after its last chunk: verified and stored, the sender gets
     * COMPLETE and the room the offer; otherwise ERROR. Called on the sender's reader thread.
     */
    void finish(Sequence sequence, Session session) {
        Upload upload = sequence.attachment(Upload.class);
        files.server().unrouteBinary(session, sequence.id());
        Upload.Outcome outcome = upload.finish();
        if (outcome.failure() != null) {
            sequence.fail(outcome.failure());
        } else if (sequence.complete(result(outcome.file()))) {
            files.offer(outcome.file(), session);
        } else {
            files.spool().remove(outcome.file().id()); // it ended another way first (stall, shutdown): keep nothing
        }
    }

    @Override
    public void onAnswer(Sequence sequence, Request answer) {
        answer.ko("SEND_FILE takes no answers");
    }

    @Override
    public void onDeadline(Sequence sequence) {
        Upload upload = sequence.attachment(Upload.class);
        if (upload != null && upload.abort()) {
            files.server().unrouteBinary(sequence.initiator(), sequence.id());
            sequence.fail("upload " + sequence.id() + " stalled: less than 64 KiB in " + files.stallTimeout().toSeconds()
                    + " s (files.stall-timeout) after " + upload.progress() + "; nothing was kept");
        }
    }

    @Override
    public void onAbort(Sequence sequence, String reason) {
        Upload upload = sequence.attachment(Upload.class);
        if (upload != null) {
            upload.abort();
            files.server().unrouteBinary(sequence.initiator(), sequence.id());
        }
    }

    @Override
    public String help() {
        return "SEND_FILE: sends a file to a room (framed; see docs/PROTOCOL.md)";
    }

    /** The COMPLETE result: {@code {"file":{..}}}. */
    static ObjectNode result(StoredFile file) {
        ObjectNode result = Json.object();
        result.set("file", file.info().toJson());
        return result;
    }
}
