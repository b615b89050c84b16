package example.dice;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.rooms.api.RoomDirectory;
import parley.api.spi.Command;

/**
 * {@code ROLL "room" "2d6"}: rolls dice in a room. The sender gets OK; everyone in the room, the
 * sender included, gets {@code ROLLED "room" "alice" "2d6" "7" "3 4"}. Uses the rooms plugin's
 * {@link RoomDirectory}, from the rooms API, through the kernel's services.
 */
public final class RollCommand implements Command {

    @Override
    public String verb() {
        return "ROLL";
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "dice?");
    }

    @Override
    public String help() {
        return "rolls dice for a room you are in, e.g. ROLL \"room1\" \"2d6\"";
    }

    @Override
    public void handle(Request request) {
        String room = request.require("room");
        String text = request.message().text("dice");
        Dice dice = Dice.parse(text == null ? "1d6" : text);
        RoomDirectory rooms = request.server().services().find(RoomDirectory.class).orElse(null);
        if (rooms == null) {
            request.ko("this server has no rooms plugin: nowhere to roll");
            return;
        }
        if (!rooms.isMember(room, request.session())) {
            request.ko("you are not in " + room + ": join it to roll there");
            return;
        }
        List<Integer> faces = dice.roll();
        int total = faces.stream().mapToInt(Integer::intValue).sum();
        rooms.broadcast(room, Message.of("ROLLED").put("room", room).put("pseudo", request.session().pseudo())
                .put("dice", dice.toString()).put("total", total)
                .put("faces", String.join(" ", faces.stream().map(String::valueOf).toList())), null);
        request.ok();
    }
}
