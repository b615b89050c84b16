package parley.transport.web;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the web plugin and lists its settings. Called on the thread that loads plugins; never blocks or throws. */
public final class WebPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "web";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "HTTP and WebSocket on the TCP port: the browser client at /, the framed form's JSON over WebSocket at /ws";
    }

    @Override
    public List<Setting<?>> settings() {
        return WebSettings.ALL;
    }
}
