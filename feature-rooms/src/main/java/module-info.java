/**
 * Rooms: LOGIN, JOIN_ROOM, MSG and BYE; the {@link parley.api.rooms.RoomDirectory} service other
 * plugins use; and the client's /join, /leave, /rooms and /who.
 */
module parley.rooms {
    requires parley.api;

    provides parley.api.spi.ServerFeature with parley.rooms.RoomsFeature;
    provides parley.api.spi.Command with
            parley.rooms.LoginCommand,
            parley.rooms.JoinRoomCommand,
            parley.rooms.MsgCommand,
            parley.rooms.ByeCommand;
    provides parley.api.spi.ClientExtension with parley.rooms.RoomsClient;
    provides parley.api.spi.PluginInfo with parley.rooms.RoomsPluginInfo;
    provides parley.api.spi.Benchmark with parley.rooms.ChatBenchmark;
}
