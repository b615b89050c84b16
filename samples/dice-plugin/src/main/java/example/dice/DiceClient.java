package example.dice;

import java.time.Duration;
import java.util.List;

import parley.api.Message;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;
import parley.rooms.api.client.CurrentRoom;

/** {@code /roll [2d6]} in the interactive client, and how ROLLED shows. */
public final class DiceClient implements ClientExtension {

    @Override
    public List<SlashCommand> commands() {
        return List.of(new SlashCommand("roll", "[2d6]", "roll dice for the current room", this::roll));
    }

    @Override
    public boolean onPush(Message push, ClientContext context) {
        if (!"ROLLED".equals(push.type())) {
            return false;
        }
        context.print("[" + push.text("room") + "] " + push.text("pseudo") + " rolls " + push.text("dice")
                + ": " + push.number("total", 0) + " (" + push.text("faces") + ")");
        return true;
    }

    private void roll(String args, ClientContext context) {
        if (CurrentRoom.of(context).get() == null) {
            throw new IllegalStateException("join a room first: dice are rolled for a room");
        }
        Message reply = context.client().call(Message.of("ROLL").put("room", CurrentRoom.of(context).get())
                .put("dice", args.isBlank() ? "1d6" : args), Duration.ofSeconds(30));
        if (!"OK".equals(reply.type())) {
            context.print("! " + reply.text("reason"));
        }
    }
}
