package parley.transport.tls;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the TLS plugin and lists its server and client settings. Called on the thread that loads plugins; never blocks or throws. */
public final class TlsPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "TLS on the TCP port: framed and legacy clients inside TLS, beside plain ones";
    }

    @Override
    public List<Setting<?>> settings() {
        return TlsSettings.ALL;
    }

    @Override
    public List<Setting<?>> clientSettings() {
        return TlsSettings.CLIENT;
    }
}
