/**
 * The rooms API: what plugins compile against to use rooms (the vote, files, the dice sample), and
 * what the rooms plugin implements. It holds interfaces, values and client helpers, no state.
 *
 * <p>At run time it is a plugin layer of its own that the launcher makes the parent of every plugin
 * layer whose module reads it, so that the rooms plugin and its users share these types while neither
 * sees the other's classes.
 */
module parley.rooms.api {
    requires transitive parley.api;

    exports parley.rooms.api;
    exports parley.rooms.api.client;
}
