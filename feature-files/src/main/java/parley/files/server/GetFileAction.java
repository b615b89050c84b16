package parley.files.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

import parley.api.BadRequestException;
import parley.api.Request;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.wire.BinaryFrame;
import parley.files.FileVerbs;
import tools.jackson.databind.JsonNode;

/**
 * The GET_FILE sequence (framed): one download, streamed in binary frames by a {@link Download} on a
 * virtual thread of its own, then COMPLETE with {@code {"file":{..},"bytes":n}}. The frames carry the
 * request's {@code tag}, or its {@code seq} as text when it gives none, so the downloader can route
 * them before it sends the request. A member may download several files at once, each file once at a
 * time. Refused with ERROR before any byte: an unknown or expired id, a room the downloader is not in,
 * a bad tag, all download slots taken.
 *
 * <p>Started by {@link GetFileCommand}. Callbacks follow the engine's contract.
 */
final class GetFileAction implements SequenceAction {

    private final FileService files;

    GetFileAction(FileService files) {
        this.files = files;
    }

    @Override
    public String action() {
        return FileVerbs.GET_FILE;
    }

    /** Busy per file: the same file once at a time, other files in parallel. */
    @Override
    public String busyScope(Request begin) {
        return begin.require("id");
    }

    @Override
    public void begin(Sequence sequence, Request request) {
        String id = request.require("id");
        StoredFile file = files.spool().find(id).orElseThrow(() -> new BadRequestException("no file '" + brief(id)
                + "' on this server: it is unknown or no longer kept (files.keep-for, files.quota);"
                + " FILES lists a room's files"));
        files.refusal(file.room(), request.session()).ifPresent(reason -> {
            throw new BadRequestException(file.id() + " is in " + file.room() + ": " + reason);
        });
        String tag = tag(request);
        files.takeDownloadSlot().ifPresent(reason -> {
            throw new BadRequestException(reason);
        });
        FileChannel channel;
        try {
            channel = FileChannel.open(files.spool().data(file.id()), StandardOpenOption.READ);
        } catch (IOException e) {
            files.releaseDownloadSlot();
            throw new BadRequestException("the server cannot read " + file.id() + ": " + e.getMessage());
        }
        Download download = new Download(files, sequence, file, channel, tag);
        sequence.attach(download);
        sequence.extendDeadline(files.stallTimeout());
        download.start();
    }

    private static String tag(Request request) {
        JsonNode given = request.message().get("tag");
        String tag;
        if (given != null) {
            if (!given.isString()) {
                throw new BadRequestException("GET_FILE \"tag\" must be a string, got " + brief(given.toString()));
            }
            tag = given.stringValue();
        } else {
            JsonNode seq = request.message().seq();
            tag = seq.isString() ? seq.stringValue() : seq.asString();
        }
        byte[] bytes = tag.getBytes(StandardCharsets.UTF_8);
        boolean printable = bytes.length >= 1 && bytes.length <= BinaryFrame.MAX_TAG;
        for (byte b : bytes) {
            printable &= b >= 0x21 && b <= 0x7E;
        }
        if (!printable) {
            throw new BadRequestException("the download's tag '" + brief(tag) + "' cannot tag binary frames: give"
                    + " GET_FILE a \"tag\" of 1 to " + BinaryFrame.MAX_TAG + " printable ASCII characters, no spaces");
        }
        return tag;
    }

    @Override
    public void onAnswer(Sequence sequence, Request answer) {
        answer.ko("GET_FILE takes no answers");
    }

    @Override
    public void onDeadline(Sequence sequence) {
        Download download = sequence.attachment(Download.class);
        if (download != null) {
            download.stop();
        }
        sequence.fail("download " + sequence.id() + " stalled: the client read nothing for "
                + files.stallTimeout().toSeconds() + " s (files.stall-timeout)");
    }

    @Override
    public void onAbort(Sequence sequence, String reason) {
        Download download = sequence.attachment(Download.class);
        if (download != null) {
            download.stop();
        }
    }

    @Override
    public String help() {
        return "GET_FILE: downloads a file offered in a room you are in";
    }

    private static String brief(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
