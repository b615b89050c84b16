/**
 * History: each room's events, in the room's order, kept in an embedded H2 database under
 * {@code data-dir}, with retention by count and age; {@code HISTORY} to read them back; and the
 * {@link parley.rooms.api.RoomLog} that makes a room's ids continue after a restart.
 *
 * <p>A plugin folder in {@code plugins/}: this jar and H2's. The boot layer must hold {@code java.sql}
 * (the launcher requires it).
 */
module parley.history {
    requires parley.rooms.api;
    requires java.sql;
    requires com.h2database; // resolved into the plugin's layer; used through JDBC only

    uses java.sql.Driver;

    provides parley.api.spi.ServerFeature with parley.history.HistoryFeature;
    provides parley.api.spi.PluginInfo with parley.history.HistoryPluginInfo;
}
