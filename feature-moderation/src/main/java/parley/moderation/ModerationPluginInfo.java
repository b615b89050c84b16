package parley.moderation;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the moderation plugin; it starts after the rooms, which it moderates. */
public final class ModerationPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "moderation";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "operators' KICK, BAN, MUTE, TOPIC, OP and rooms restricted to members or invitation (H2, in data-dir)";
    }

    @Override
    public List<String> requires() {
        return List.of("rooms");
    }

    @Override
    public List<Setting<?>> settings() {
        return ModerationSettings.ALL;
    }
}
