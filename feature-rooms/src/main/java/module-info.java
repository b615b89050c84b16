/**
 * Rooms: JOIN_ROOM, MSG and BYE, and the rooms listed in the LOGIN answer; the
 * {@link parley.rooms.api.RoomDirectory} service other plugins use through the rooms API; and the
 * client's /join, /leave, /rooms and /who.
 */
module parley.rooms {
    requires parley.rooms.api;

    provides parley.api.spi.ServerFeature with parley.rooms.RoomsFeature;
    provides parley.api.spi.ClientExtension with parley.rooms.RoomsClient;
    provides parley.api.spi.PluginInfo with parley.rooms.RoomsPluginInfo;
    provides parley.api.spi.Benchmark with parley.rooms.ChatBenchmark;
}
