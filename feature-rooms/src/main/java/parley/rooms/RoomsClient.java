package parley.rooms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ChatLine;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.RoomVerbs;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.CurrentRoom;
import parley.rooms.api.client.History;
import parley.rooms.api.client.RoomFeed;

/**
 * The interactive client's rooms: /join, /leave, /rooms, /who; plain text goes to the current room;
 * MSG, JOINED and LEFT are shown as chat lines. Members are tracked from the JOIN_ROOM answer and
 * the JOINED and LEFT pushes.
 *
 * <p>Each room's events are shown once, in id order ({@link RoomFeed}): /join shows the room's last
 * messages (setting {@code rooms.history}) marked as history, then live ones, with no repeat and no gap;
 * after a reconnection it shows "— N messages while you were away —" and those messages, fetched with
 * HISTORY after the last id it showed in each room (rejoining first when the server did not keep the
 * rooms, as after a restart).
 */
public final class RoomsClient implements ClientExtension {

    /** The most a catch-up fetches per room. */
    private static final int CATCH_UP_MAX = 10_000;

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
        ParleyClient client = context.client();
        Message msg = Chat.message(client, room, text);
        client.request(msg).whenComplete((reply, error) -> {
            if (error != null) {
                context.print("! not sent: " + error.getMessage());
            } else if (!Verbs.OK.equals(reply.type())) {
                context.print("! not sent: " + reply.text("reason"));
            } else if (reply.has("id")) {
                // not shown (the typed line is on screen), but noted: history must not show it again
                RoomFeed.of(context).mine(msg.copy().put("id", reply.get("id").longValue()).put("time", reply.text("time")));
            }
        });
        return true;
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        switch (push.type()) {
            case RoomVerbs.MSG, RoomVerbs.JOINED, RoomVerbs.LEFT -> {
                if (RoomFeed.of(context).live(push)) {
                    render(push, false, context);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Shows one room event, and keeps the member lists up to date for live ones. */
    private void render(Message push, boolean history, ClientContext context) {
        String room = push.text("room");
        String pseudo = push.text("pseudo");
        ChatLine line = switch (push.type()) {
            case RoomVerbs.MSG -> new ChatLine(ChatLine.timeOf(push), room, pseudo, push.text("msg"), history);
            case RoomVerbs.JOINED -> {
                if (!history) {
                    members(room).add(pseudo);
                }
                yield new ChatLine(ChatLine.timeOf(push), room, null, "* " + pseudo + " joined " + room, history);
            }
            case RoomVerbs.LEFT -> {
                if (!history) {
                    members(room).remove(pseudo);
                }
                String reason = push.text("reason");
                yield new ChatLine(ChatLine.timeOf(push), room, null,
                        "* " + pseudo + " left " + room + (reason == null ? "" : " (" + reason + ")"), history);
            }
            default -> new ChatLine(ChatLine.timeOf(push), room == null ? "?" : room, null, push.toString(), history);
        };
        context.show(line);
    }

    private void join(String args, ClientContext context) {
        String room = requireRoom(args, context);
        RoomFeed feed = RoomFeed.of(context);
        feed.hold(room); // live pushes wait until the room's last messages are shown
        List<String> members;
        try {
            members = Chat.join(context.client(), room);
        } catch (RuntimeException e) {
            feed.release(room, List.of()).forEach(m -> render(m, false, context));
            throw e;
        }
        Set<String> set = members(room);
        synchronized (set) {
            set.clear();
            set.addAll(members);
        }
        CurrentRoom.of(context).set(room);
        context.print("joined " + room + " with " + String.join(", ", members) + "; messages now go to " + room);
        int wanted = context.config().get(RoomsSettings.CLIENT_HISTORY);
        // one more than wanted: the log holds this client's own JOINED, which is not shown; with none
        // wanted, the latest one still tells where the room stands, for a catch-up after a drop
        List<Message> fetched = history(context, () -> History.latest(context.client(), room, wanted + 1));
        List<Message> history = fetched == null ? new ArrayList<>() : new ArrayList<>(fetched);
        if (wanted == 0) {
            if (!history.isEmpty()) {
                feed.skipTo(room, RoomFeed.id(history.get(history.size() - 1))); // nothing of it is shown
            }
            history = new ArrayList<>();
        }
        history.removeIf(m -> isOwnEvent(m, context));
        history = history.subList(Math.max(0, history.size() - wanted), history.size());
        long lastOfHistory = history.isEmpty() ? -1 : RoomFeed.id(history.get(history.size() - 1));
        List<Message> shown = feed.release(room, history);
        boolean header = false;
        for (Message message : shown) {
            boolean old = RoomFeed.id(message) <= lastOfHistory;
            if (old && !header) {
                context.print("— the last messages of " + room + " —");
                header = true;
            }
            render(message, old, context);
        }
    }

    @Override
    public void onReconnecting(ClientContext context) {
        RoomFeed feed = RoomFeed.of(context);
        joined.keySet().forEach(feed::hold); // pushes may come before the LOGIN answer: none is shown twice
    }

    @Override
    public void onReconnect(ClientContext context, Message answer) {
        RoomFeed feed = RoomFeed.of(context);
        Set<String> kept = new LinkedHashSet<>();
        if (answer.has("memberships")) {
            answer.get("memberships").valueStream().forEach(m -> kept.add(m.get("room").stringValue()));
        }
        List<Message> missed = new ArrayList<>();
        boolean noHistory = false;
        for (String room : new ArrayList<>(joined.keySet())) {
            if (!kept.contains(room)) {
                try { // the server forgot us (a restart, the window passed): join again
                    List<String> members = Chat.join(context.client(), room);
                    Set<String> set = members(room);
                    synchronized (set) {
                        set.clear();
                        set.addAll(members);
                    }
                } catch (RefusedException | ClientException e) {
                    context.print("! could not join " + room + " again: " + e.getMessage());
                    feed.release(room, List.of());
                    feed.forget(room);
                    joined.remove(room);
                    continue;
                }
            }
            long known = feed.lastShown(room) >= 0 ? feed.lastShown(room) : lastHanded(answer, room);
            // no id known at all (a server without history when it joined): the latest page only
            List<Message> history = history(context, () -> known < 0 ? History.latest(context.client(), room, History.PAGE)
                    : History.after(context.client(), room, known, CATCH_UP_MAX));
            noHistory |= history == null;
            missed.addAll(feed.release(room, history == null ? List.of() : history));
        }
        if (noHistory) {
            context.print("— the server keeps no history: what was said while you were away is lost —");
        }
        missed.removeIf(m -> isOwnEvent(m, context));
        long messages = missed.stream().filter(m -> RoomVerbs.MSG.equals(m.type())).count();
        context.print("— " + messages + (messages == 1 ? " message" : " messages") + " while you were away —");
        missed.forEach(m -> render(m, false, context));
    }

    /** The last id the server says it handed the dropped connection in a room (a resume), or -1. */
    private static long lastHanded(Message answer, String room) {
        if (!answer.has("memberships")) {
            return -1;
        }
        return answer.get("memberships").valueStream().filter(m -> room.equals(m.path("room").asString("")))
                .mapToLong(m -> m.path("last").asLong(-1)).findFirst().orElse(-1);
    }

    /** This client's own JOINED or LEFT: never pushed to it live, so not shown from history either. */
    private static boolean isOwnEvent(Message m, ClientContext context) {
        String me = context.client().pseudo();
        return !RoomVerbs.MSG.equals(m.type()) && me != null && me.equalsIgnoreCase(m.text("pseudo"));
    }

    /**
     * Asks the server for history: {@code null} when it has no history plugin (HISTORY is an unknown
     * type), empty when it refused (said why). A dropped connection throws, as any request.
     */
    private static List<Message> history(ClientContext context, java.util.function.Supplier<List<Message>> ask) {
        try {
            return ask.get();
        } catch (RefusedException e) {
            if (Verbs.ERROR.equals(e.reply().type())) {
                return null;
            }
            context.print("! no history: " + e.reason());
            return List.of();
        }
    }

    private void leave(String args, ClientContext context) {
        String room = args.isEmpty() ? CurrentRoom.of(context).get() : args;
        if (room == null) {
            context.print("! you are in no room");
            return;
        }
        Chat.leave(context.client(), room);
        joined.remove(room);
        RoomFeed.of(context).forget(room);
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
