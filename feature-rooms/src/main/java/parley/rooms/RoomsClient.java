package parley.rooms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.RoomVerbs;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.CurrentRoom;

/**
 * The interactive client's rooms: /join, /leave, /rooms, /who; plain text goes to the current room;
 * MSG, JOINED and LEFT are shown as chat lines. Members are tracked from the JOIN_ROOM answer and
 * the JOINED and LEFT pushes.
 */
public final class RoomsClient implements ClientExtension {

    /** Joined room → its members' pseudos. */
    private final Map<String, Set<String>> joined = new ConcurrentHashMap<>();

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("join", "<room>", "join a room and make it the current one", this::join),
                new SlashCommand("leave", "[room]", "leave a room (the current one by default)", this::leave),
                new SlashCommand("rooms", "", "list the rooms, marking those you are in", this::rooms),
                new SlashCommand("who", "[room]", "list who is in a room (the current one by default)", this::who));
    }

    @Override
    public void onLogin(ClientContext context) {
        context.print("rooms: " + String.join(", ", Chat.rooms(context.client())) + "  (type /join <room>, /help for more)");
    }

    @Override
    public void onQuit(ClientContext context) {
        try {
            Chat.logout(context.client());
        } catch (RuntimeException e) {
            // the connection may already be gone; leaving anyway
        }
    }

    @Override
    public String prompt(ClientContext context) {
        return CurrentRoom.of(context).get();
    }

    @Override
    public boolean onText(String text, ClientContext context) {
        String room = CurrentRoom.of(context).get();
        if (room == null) {
            context.print("! you are in no room: /join " + firstRoom(context.client()) + " first");
            return true;
        }
        context.client().request(Chat.message(context.client(), room, text)).whenComplete((reply, error) -> {
            if (error != null) {
                context.print("! not sent: " + error.getMessage());
            } else if (!Verbs.OK.equals(reply.type())) {
                context.print("! not sent: " + reply.text("reason"));
            }
        });
        return true;
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        switch (push.type()) {
            case RoomVerbs.MSG -> context.print("[" + push.text("room") + "] " + push.text("pseudo") + ": " + push.text("msg"));
            case RoomVerbs.JOINED -> {
                members(push.text("room")).add(push.text("pseudo"));
                context.print("* " + push.text("pseudo") + " joined " + push.text("room"));
            }
            case RoomVerbs.LEFT -> {
                members(push.text("room")).remove(push.text("pseudo"));
                String reason = push.text("reason");
                context.print("* " + push.text("pseudo") + " left " + push.text("room")
                        + (reason == null ? "" : " (" + reason + ")"));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void join(String args, ClientContext context) {
        String room = requireRoom(args, context);
        List<String> members = Chat.join(context.client(), room);
        Set<String> set = members(room);
        synchronized (set) {
            set.clear();
            set.addAll(members);
        }
        CurrentRoom.of(context).set(room);
        context.print("joined " + room + " with " + String.join(", ", members) + "; messages now go to " + room);
    }

    private void leave(String args, ClientContext context) {
        String room = args.isEmpty() ? CurrentRoom.of(context).get() : args;
        if (room == null) {
            context.print("! you are in no room");
            return;
        }
        Chat.leave(context.client(), room);
        joined.remove(room);
        if (room.equals(CurrentRoom.of(context).get())) {
            String next = joined.keySet().stream().findFirst().orElse(null);
            CurrentRoom.of(context).set(next);
        }
        context.print("left " + room + (CurrentRoom.of(context).get() == null ? "" : "; messages now go to " + CurrentRoom.of(context).get()));
    }

    private void rooms(String args, ClientContext context) {
        List<String> lines = new ArrayList<>();
        for (String room : Chat.rooms(context.client())) {
            String mark = room.equals(CurrentRoom.of(context).get()) ? " (current)" : joined.containsKey(room) ? " (joined)" : "";
            lines.add(room + mark);
        }
        context.print("rooms: " + String.join(", ", lines));
    }

    private void who(String args, ClientContext context) {
        String room = args.isEmpty() ? CurrentRoom.of(context).get() : args;
        if (room == null) {
            context.print("! you are in no room: /who <room> for one you joined, /join " + firstRoom(context.client()) + " first");
            return;
        }
        if (!joined.containsKey(room)) {
            List<String> rooms = Chat.rooms(context.client());
            context.print(rooms.contains(room)
                    ? "! you are not in " + room + ": /join " + room + " to see who is there"
                    : "! there is no room '" + room + "' here: the rooms are " + String.join(", ", rooms));
            return;
        }
        Set<String> set = members(room);
        synchronized (set) {
            context.print(room + ": " + String.join(", ", set));
        }
    }

    private Set<String> members(String room) {
        return joined.computeIfAbsent(room, r -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()));
    }

    private static String requireRoom(String args, ClientContext context) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("which room? /join " + firstRoom(context.client()));
        }
        return args;
    }

    private static String firstRoom(ParleyClient client) {
        return Chat.rooms(client).isEmpty() ? "room1" : Chat.rooms(client).get(0);
    }
}
