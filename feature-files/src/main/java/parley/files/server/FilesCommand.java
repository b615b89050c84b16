package parley.files.server;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.PayloadForm;
import parley.api.spi.Command;
import parley.api.wire.Json;
import parley.files.FileVerbs;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code FILES "room"}: the files offered in a room the sender is in, oldest first, that the server
 * still keeps. Framed: {@code {"type":"FILES","room":..,"files":[{"id","filename","size","sha256",
 * "pseudo","time"}]}}. Text: {@code FILES "room" "<id> <size> <pseudo> <filename>" ...}, one argument
 * per file. Runs on the sender's reader thread.
 */
final class FilesCommand implements Command {

    private final FileService files;

    FilesCommand(FileService files) {
        this.files = files;
    }

    @Override
    public String verb() {
        return FileVerbs.FILES;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "files...");
    }

    @Override
    public String help() {
        return "lists the files offered in a room you are in";
    }

    @Override
    public void handle(Request request) {
        String room = request.require("room");
        var refusal = files.refusal(room, request.session());
        if (refusal.isPresent()) {
            request.ko(refusal.get());
            return;
        }
        List<StoredFile> stored = files.spool().inRoom(room);
        Message reply = Message.of(FileVerbs.FILES).put("room", room);
        if (request.session().form() == PayloadForm.JSON) {
            ArrayNode list = Json.array();
            stored.forEach(f -> list.add(f.listing()));
            reply.put("files", list);
        } else {
            reply.put("files", stored.stream()
                    .map(f -> f.id() + " " + f.size() + " " + f.pseudo() + " " + f.info().filename())
                    .toList());
        }
        request.reply(reply);
    }
}
