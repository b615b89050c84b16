package example.dice;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the plugin and the kernel API it was built for. */
public final class DiceInfo implements PluginInfo {

    @Override
    public String name() {
        return "dice";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "sample third-party plugin: ROLL dice in a room";
    }
}
