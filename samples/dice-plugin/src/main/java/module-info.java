/** A sample third-party plugin: {@code ROLL "2d6"} rolls dice for the room; {@code /roll 2d6} in the client. */
module example.dice {
    requires parley.rooms.api;

    provides parley.api.spi.Command with example.dice.RollCommand;
    provides parley.api.spi.ClientExtension with example.dice.DiceClient;
    provides parley.api.spi.PluginInfo with example.dice.DiceInfo;
}
