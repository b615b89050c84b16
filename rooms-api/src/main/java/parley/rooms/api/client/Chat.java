package parley.rooms.api.client;

import java.util.List;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.rooms.api.RoomVerbs;

/**
 * The rooms' requests for a {@link ParleyClient}: join, say, leave. Each waits for the server's answer
 * and throws {@link parley.api.client.RefusedException} on KO. Thread-safe.
 */
public final class Chat {

    private Chat() {
    }

    /** The rooms the server listed at login (its DISPLAY_ROOM answer); empty before login. */
    public static List<String> rooms(ParleyClient client) {
        Message answer = client.loginAnswer();
        return answer == null ? List.of() : List.copyOf(answer.texts("rooms"));
    }

    /** Logs in and returns the rooms. */
    public static List<String> login(ParleyClient client, String pseudo) {
        return List.copyOf(client.login(pseudo).texts("rooms"));
    }

    /** Joins a room; returns its members (this client included). */
    public static List<String> join(ParleyClient client, String room) {
        return client.expect(Message.of(RoomVerbs.JOIN_ROOM).put("room", room), Verbs.OK).texts("members");
    }

    /** Sends a chat message to a room and waits for the server's OK. */
    public static void say(ParleyClient client, String room, String text) {
        client.expect(message(client, room, text), Verbs.OK);
    }

    /** A MSG from this client, for {@link ParleyClient#request} when not waiting is wanted. */
    public static Message message(ParleyClient client, String room, String text) {
        Message msg = Message.of(RoomVerbs.MSG).put("room", room);
        if (client.pseudo() != null) {
            msg.put("pseudo", client.pseudo());
        }
        return msg.put("msg", text);
    }

    /** Leaves a room. */
    public static void leave(ParleyClient client, String room) {
        Message bye = Message.of(RoomVerbs.BYE).put("room", room);
        if (client.pseudo() != null) {
            bye.put("pseudo", client.pseudo());
        }
        client.expect(bye, Verbs.OK);
    }

    /** Logs out: the server answers OK and closes the connection. */
    public static void logout(ParleyClient client) {
        client.expect(Message.of(RoomVerbs.BYE), Verbs.OK);
    }
}
