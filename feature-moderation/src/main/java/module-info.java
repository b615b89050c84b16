/**
 * Moderation: server operators (the kernel's {@code operators}) and room operators (OP, DEOP), KICK,
 * BAN by pseudo or IP with an expiry (server-wide or per room, enforced at LOGIN and JOIN_ROOM), MUTE,
 * TOPIC, and rooms restricted to a members list or to invitation (RESTRICT, INVITE). Bans, mutes, room
 * operators, topics and access lists are kept in an embedded H2 database under {@code data-dir}
 * ({@code <data-dir>/moderation}); operators' actions are logged to the {@code parley.audit} logger.
 * The client's /kick, /ban, /mute, /topic... and the display of the pushes.
 *
 * <p>A plugin folder in {@code plugins/}: this jar and H2's (its own copy: each plugin layer loads its
 * own H2 engine). The boot layer must hold {@code java.sql} (the launcher requires it).
 */
module parley.moderation {
    requires parley.rooms.api;
    requires java.sql;
    requires com.h2database; // resolved into the plugin's layer; used through JDBC only

    uses java.sql.Driver;

    provides parley.api.spi.ServerFeature with parley.moderation.ModerationFeature;
    provides parley.api.spi.ClientExtension with parley.moderation.ModerationClient;
    provides parley.api.spi.PluginInfo with parley.moderation.ModerationPluginInfo;
}
