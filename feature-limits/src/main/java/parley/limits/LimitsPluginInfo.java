package parley.limits;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the limits plugin. */
public final class LimitsPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "limits";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "flood limits: a request rate per session; over it KO, and a flooder is disconnected";
    }

    @Override
    public List<Setting<?>> settings() {
        return LimitsSettings.ALL;
    }
}
