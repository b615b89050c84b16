package parley.transport.tcp;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the TCP transport plugin. */
public final class TcpPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "TCP transport: framed and legacy clients on one port";
    }

    @Override
    public java.util.List<parley.api.Setting<?>> settings() {
        return TcpSettings.ALL;
    }
}
