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
        context.print("rooms: " + String.join(", ", context.client().rooms()) + "  (type /join <room>, /help for more)");
    }

    @Override
    public boolean onText(String text, ClientContext context) {
        String room = context.currentRoom();
        if (room == null) {
            context.print("! you are in no room: /join " + firstRoom(context.client()) + " first");
            return true;
        }
        context.client().request(context.client().chat(room, text)).whenComplete((reply, error) -> {
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
            case Verbs.MSG -> context.print("[" + push.text("room") + "] " + push.text("pseudo") + ": " + push.text("msg"));
            case Verbs.JOINED -> {
                members(push.text("room")).add(push.text("pseudo"));
                context.print("* " + push.text("pseudo") + " joined " + push.text("room"));
            }
            case Verbs.LEFT -> {
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
        List<String> members = context.client().join(room);
        Set<String> set = members(room);
        synchronized (set) {
            set.clear();
            set.addAll(members);
        }
        context.setCurrentRoom(room);
        context.print("joined " + room + " with " + String.join(", ", members) + "; messages now go to " + room);
    }

    private void leave(String args, ClientContext context) {
        String room = args.isEmpty() ? context.currentRoom() : args;
        if (room == null) {
            context.print("! you are in no room");
            return;
        }
        context.client().leave(room);
        joined.remove(room);
        if (room.equals(context.currentRoom())) {
            String next = joined.keySet().stream().findFirst().orElse(null);
            context.setCurrentRoom(next);
        }
        context.print("left " + room + (context.currentRoom() == null ? "" : "; messages now go to " + context.currentRoom()));
    }

    private void rooms(String args, ClientContext context) {
        List<String> lines = new ArrayList<>();
        for (String room : context.client().rooms()) {
            String mark = room.equals(context.currentRoom()) ? " (current)" : joined.containsKey(room) ? " (joined)" : "";
            lines.add(room + mark);
        }
        context.print("rooms: " + String.join(", ", lines));
    }

    private void who(String args, ClientContext context) {
        String room = args.isEmpty() ? context.currentRoom() : args;
        if (room == null || !joined.containsKey(room)) {
            context.print("! join " + (room == null ? "a room" : room) + " to see who is there");
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
        return client.rooms().isEmpty() ? "room1" : client.rooms().get(0);
    }
}
