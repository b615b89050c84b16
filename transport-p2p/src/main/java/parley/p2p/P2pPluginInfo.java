package parley.p2p;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the P2P plugin. It needs rooms loaded first, for LOGIN. */
public final class P2pPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "direct links between two clients, authenticated, with a relay: P2P_REQUEST, /p2p, /w";
    }

    @Override
    public List<String> requires() {
        return List.of("rooms");
    }

    @Override
    public java.util.List<parley.api.Setting<?>> settings() {
        return P2pSettings.ALL;
    }

    @Override
    public java.util.List<parley.api.Setting<?>> clientSettings() {
        return parley.p2p.client.P2pClientSettings.ALL;
    }
}
