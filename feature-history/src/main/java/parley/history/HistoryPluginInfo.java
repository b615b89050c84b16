package parley.history;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the history plugin; it starts after the rooms, whose events it keeps. */
public final class HistoryPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "each room's log in an embedded database (H2, in data-dir), HISTORY, and ids that survive a restart";
    }

    @Override
    public List<String> requires() {
        return List.of("rooms");
    }

    @Override
    public List<Setting<?>> settings() {
        return HistorySettings.ALL;
    }
}
