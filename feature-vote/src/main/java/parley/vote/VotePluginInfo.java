package parley.vote;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the vote plugin; it needs the rooms plugin's RoomDirectory. */
public final class VotePluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "vote";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "room votes: BEGIN_SEQUENCE action VOTE, answered with VOTE";
    }

    @Override
    public List<String> requires() {
        return List.of("rooms");
    }

    @Override
    public java.util.List<parley.api.Setting<?>> settings() {
        return VoteSettings.ALL;
    }

    @Override
    public java.util.List<parley.api.Setting<?>> clientSettings() {
        return List.of(VoteClient.TIMEOUT);
    }
}
