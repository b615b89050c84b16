package parley.accounts;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the accounts plugin and its settings. */
public final class AccountsPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "registered pseudos with passwords (REGISTER, PASSWORD, RESET_PASSWORD), PBKDF2 hashes in H2 in data-dir";
    }

    @Override
    public List<Setting<?>> settings() {
        return AccountsSettings.ALL;
    }
}
