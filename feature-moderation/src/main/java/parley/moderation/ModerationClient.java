package parley.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.CurrentRoom;

/**
 * The terminal client's moderation: /kick, /ban, /unban, /mute, /unmute, /topic, /op, /deop, /restrict
 * and /invite act on the current room, or on the room named first; and KICKED, BANNED, UNBANNED, MUTED,
 * UNMUTED, TOPIC, OPPED, DEOPPED, RESTRICTED and INVITED shown as lines, their text escaped so that
 * nothing received moves the terminal's cursor. Slash commands run on the input thread and wait for
 * their answer; pushes are shown on the reader thread.
 */
public final class ModerationClient implements ClientExtension {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern LENGTH = Pattern.compile("(?i)\\d{1,9}[smhdw]?|permanent");

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("kick", "[room] <pseudo> [reason]", "make a member leave a room (room operators)", this::kick),
                new SlashCommand("ban", "[room|*] <pseudo|ip:ADDRESS> [30m|2d|permanent] [reason]",
                        "ban from a room, or from the server with * (operators)", this::ban),
                new SlashCommand("unban", "[room|*] <pseudo|ip:ADDRESS>", "lift a ban (operators)", this::unban),
                new SlashCommand("mute", "[room] <pseudo> [30m|2d|permanent] [reason]", "stop a pseudo speaking in a room (room operators)", this::mute),
                new SlashCommand("unmute", "[room] <pseudo>", "let a muted pseudo speak again (room operators)", this::unmute),
                new SlashCommand("topic", "[room] [text]", "show a room's topic; with a text, set it (room operators)", this::topic),
                new SlashCommand("op", "[room] <pseudo>", "make a pseudo an operator of a room (server operators)", this::op),
                new SlashCommand("deop", "[room] <pseudo>", "take back a room operator's rights (server operators)", this::deop),
                new SlashCommand("restrict", "[room] <open|members|invite> [pseudo...]",
                        "open a room, or restrict it to a list or to invitation (room operators)", this::restrict),
                new SlashCommand("invite", "[room] <pseudo>", "let a pseudo into a restricted room (room operators)", this::invite),
                new SlashCommand("bans", "[room|*]", "list the bans and mutes in force (operators)", this::bans));
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        String room = Text.shown(push.text("room"));
        String pseudo = Text.shown(push.text("pseudo"));
        String by = Text.shown(push.text("by"));
        String reason = Text.shown(push.text("reason"));
        String why = reason.isEmpty() ? "" : ": " + reason;
        boolean me = push.text("pseudo") != null && push.text("pseudo").equals(context.pseudo());
        switch (push.type()) {
            case ModerationVerbs.KICKED -> {
                context.print("* " + (me ? "you were" : pseudo + " was") + " kicked from " + room + " by " + by + why);
                if (me) {
                    leftRoom(push.text("room"), context);
                }
            }
            case ModerationVerbs.BANNED -> {
                String target = Text.shown(push.text("target"));
                boolean mine = push.text("target") != null && push.text("target").equals(context.pseudo());
                boolean server = "server".equals(push.text("scope"));
                context.print("* " + (mine ? "you are" : target + " is") + " banned from "
                        + (server ? "the server" : room) + " by " + by + " " + until(push) + why);
                if (mine) {
                    leftRoom(push.text("room"), context);
                }
            }
            case ModerationVerbs.UNBANNED -> context.print("* " + Text.shown(push.text("target")) + " may join " + room
                    + " again (unbanned by " + by + ")");
            case ModerationVerbs.MUTED -> context.print("* " + (me ? "you are" : pseudo + " is") + " muted in " + room
                    + " by " + by + " " + until(push) + why);
            case ModerationVerbs.UNMUTED -> context.print("* " + (me ? "you" : pseudo) + " may speak in " + room
                    + " again (unmuted by " + by + ")");
            case ModerationVerbs.TOPIC -> context.print(topicLine(push));
            case ModerationVerbs.OPPED -> context.print("* " + (me ? "you are" : pseudo + " is") + " now an operator of "
                    + room + " (by " + by + ")");
            case ModerationVerbs.DEOPPED -> context.print("* " + (me ? "you are" : pseudo + " is") + " no longer an operator of "
                    + room + " (by " + by + ")");
            case ModerationVerbs.RESTRICTED -> context.print("* " + room + " is now " + switch (String.valueOf(push.text("mode"))) {
                case "members" -> "open to its members list only";
                case "invite" -> "by invitation only";
                default -> "open to all";
            } + " (by " + by + ")");
            case ModerationVerbs.INVITED -> context.print("* " + by + " invited " + (me ? "you" : pseudo) + " to " + room
                    + (me ? ": /join " + room : ""));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String topicLine(Message push) {
        String room = Text.shown(push.text("room"));
        String topic = Text.shown(push.text("topic"));
        String by = Text.shown(push.text("by"));
        return topic.isEmpty() ? "* " + room + " has no topic" + (by.isEmpty() ? "" : " (cleared by " + by + ")")
                : "* topic of " + room + ": " + topic + (by.isEmpty() ? "" : " (set by " + by + ")");
    }

    private static String until(Message push) {
        return until(push.text("until"));
    }

    private static String until(String until) {
        return until == null || until.isEmpty() || until.equals("permanent") ? "for good" : "until " + Text.shown(until);
    }

    private static void leftRoom(String room, ClientContext context) {
        CurrentRoom current = CurrentRoom.of(context);
        if (room != null && room.equals(current.get())) {
            current.set(null);
        }
    }

    // ---- commands

    private void kick(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/kick [room] <pseudo> [reason]");
        Message kick = Message.of(ModerationVerbs.KICK).put("room", a.room).put("pseudo", pseudo);
        a.rest().ifPresentReason(kick);
        send(kick, "kicked " + pseudo + " from " + a.room, context);
    }

    private void ban(String args, ClientContext context) {
        Args a = Args.of(args, context, true);
        String target = a.next("/ban [room|*] <pseudo|ip:ADDRESS> [30m|2d|permanent] [reason]");
        Message ban = Message.of(ModerationVerbs.BAN).put("room", a.room).put("target", target);
        a.length(ban);
        a.rest().ifPresentReason(ban);
        send(ban, "banned " + target + " from " + where(a.room), context);
    }

    private void unban(String args, ClientContext context) {
        Args a = Args.of(args, context, true);
        String target = a.next("/unban [room|*] <pseudo|ip:ADDRESS>");
        send(Message.of(ModerationVerbs.UNBAN).put("room", a.room).put("target", target),
                "lifted the ban of " + target + " from " + where(a.room), context);
    }

    private void mute(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/mute [room] <pseudo> [30m|2d|permanent] [reason]");
        Message mute = Message.of(ModerationVerbs.MUTE).put("room", a.room).put("pseudo", pseudo);
        a.length(mute);
        a.rest().ifPresentReason(mute);
        send(mute, "muted " + pseudo + " in " + a.room, context);
    }

    private void unmute(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/unmute [room] <pseudo>");
        send(Message.of(ModerationVerbs.UNMUTE).put("room", a.room).put("pseudo", pseudo), "unmuted " + pseudo + " in " + a.room, context);
    }

    private void topic(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        Rest rest = a.rest();
        if (rest.text.isEmpty()) {
            Message reply = context.client().call(Message.of(ModerationVerbs.TOPIC).put("room", a.room), WAIT);
            context.print(ModerationVerbs.TOPIC.equals(reply.type()) ? topicLine(reply) : refusal(reply));
            return;
        }
        send(Message.of(ModerationVerbs.TOPIC).put("room", a.room).put("topic", rest.text), "topic of " + a.room + " set", context);
    }

    private void op(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/op [room] <pseudo>");
        send(Message.of(ModerationVerbs.OP).put("room", a.room).put("pseudo", pseudo), pseudo + " is an operator of " + a.room, context);
    }

    private void deop(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/deop [room] <pseudo>");
        send(Message.of(ModerationVerbs.DEOP).put("room", a.room).put("pseudo", pseudo),
                pseudo + " is no longer an operator of " + a.room, context);
    }

    private void restrict(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String mode = a.next("/restrict [room] <open|members|invite> [pseudo...]");
        Message restrict = Message.of(ModerationVerbs.RESTRICT).put("room", a.room).put("mode", mode);
        List<String> members = a.rest().words();
        if (!members.isEmpty()) {
            restrict.put("members", members);
        }
        send(restrict, a.room + " is now " + mode, context);
    }

    private void invite(String args, ClientContext context) {
        Args a = Args.of(args, context, false);
        String pseudo = a.next("/invite [room] <pseudo>");
        send(Message.of(ModerationVerbs.INVITE).put("room", a.room).put("pseudo", pseudo), "invited " + pseudo + " to " + a.room, context);
    }

    private void bans(String args, ClientContext context) {
        Args a = Args.of(args, context, true);
        Message ask = Message.of(ModerationVerbs.BANS);
        if (!"*".equals(a.room)) {
            ask.put("room", a.room);
        }
        Message reply = context.client().call(ask, WAIT);
        if (!ModerationVerbs.BANS.equals(reply.type())) {
            context.print(refusal(reply));
            return;
        }
        List<String> lines = new ArrayList<>();
        reply.get("bans").forEach(b -> lines.add("ban " + where(b.path("room").asString()) + " " + b.path("target").asString()
                + " by " + b.path("by").asString() + " " + until(b.path("until").asString()) + reason(b.path("reason").asString())));
        reply.get("mutes").forEach(m -> lines.add("mute " + m.path("room").asString() + " " + m.path("pseudo").asString()
                + " by " + m.path("by").asString() + " " + until(m.path("until").asString()) + reason(m.path("reason").asString())));
        if (lines.isEmpty()) {
            context.print("no bans or mutes in " + where(a.room));
        }
        lines.forEach(line -> context.print(Text.shown(line)));
    }

    private static String reason(String reason) {
        return reason == null || reason.isEmpty() ? "" : ": " + reason;
    }

    private static String where(String room) {
        return "*".equals(room) ? "the server" : room;
    }

    private static void send(Message request, String done, ClientContext context) {
        Message reply = context.client().call(request, WAIT);
        context.print(Verbs.OK.equals(reply.type()) ? done : refusal(reply));
    }

    private static String refusal(Message reply) {
        return "! " + Text.shown(reply.text("reason") == null ? reply.type() : reply.text("reason"));
    }

    /** A command's words: the room (the first word when it names a room, else the current room), then the rest. */
    private static final class Args {

        final String room;
        private final List<String> words;
        private int at;

        private Args(String room, List<String> words, int at) {
            this.room = room;
            this.words = words;
            this.at = at;
        }

        static Args of(String args, ClientContext context, boolean serverToo) {
            List<String> words = args.isBlank() ? List.of() : Arrays.asList(args.strip().split("\\s+"));
            if (!words.isEmpty() && (Chat.rooms(context.client()).contains(words.get(0)) || serverToo && words.get(0).equals("*"))) {
                return new Args(words.get(0), words, 1);
            }
            String current = CurrentRoom.of(context).get();
            if (current == null) {
                throw new IllegalArgumentException("which room? name it first, or /join one");
            }
            return new Args(current, words, 0);
        }

        String next(String usage) {
            if (at >= words.size()) {
                throw new IllegalArgumentException("usage: " + usage);
            }
            return words.get(at++);
        }

        /** Takes a duration word ({@code 30m}, {@code permanent}) into {@code for} if one comes next. */
        void length(Message request) {
            if (at < words.size() && LENGTH.matcher(words.get(at)).matches()) {
                request.put("for", words.get(at++));
            }
        }

        Rest rest() {
            List<String> left = new ArrayList<>(words.subList(Math.min(at, words.size()), words.size()));
            at = words.size();
            return new Rest(String.join(" ", left), left);
        }
    }

    /** What is left of a command's words. */
    private record Rest(String text, List<String> words) {

        void ifPresentReason(Message request) {
            if (!text.isEmpty()) {
                request.put("reason", text);
            }
        }
    }
}
