/**
 * Files sent to a room: uploads as sequences (SEND_FILE, inline or in binary chunks, and the text
 * protocol's FILE), a spool on disk with a quota and an age limit, FILE offers to the room, downloads
 * (GET_FILE) streamed with backpressure, the FILES listing; and the client's /file, /files and /get,
 * and the {@code files} benchmark. It compiles against the rooms API only and finds the
 * rooms plugin's RoomDirectory in the kernel's services.
 */
module parley.files {
    requires parley.rooms.api;

    provides parley.api.spi.ServerFeature with parley.files.server.FilesFeature;
    provides parley.api.spi.ClientExtension with parley.files.client.FilesClient;
    provides parley.api.spi.PluginInfo with parley.files.FilesPluginInfo;
    provides parley.api.spi.Benchmark with parley.files.client.FilesBenchmark;
}
