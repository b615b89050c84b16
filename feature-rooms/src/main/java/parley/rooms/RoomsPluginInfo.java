package parley.rooms;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the rooms plugin. */
public final class RoomsPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "rooms and chat: JOIN_ROOM, MSG, BYE, and the rooms in the LOGIN answer";
    }

    @Override
    public java.util.List<parley.api.Setting<?>> settings() {
        return RoomsSettings.ALL;
    }

    @Override
    public java.util.List<parley.api.Setting<?>> clientSettings() {
        return RoomsSettings.CLIENT;
    }
}
