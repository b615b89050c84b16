package parley.api.plugin;

/**
 * A plugin that could not be loaded or started, and why.
 *
 * @param plugin the plugin's name, or its jar or folder when the name is not known
 * @param reason what went wrong and, where possible, how to fix it
 */
public record PluginFailure(String plugin, String reason) {

    @Override
    public String toString() {
        return plugin + ": " + reason;
    }
}
