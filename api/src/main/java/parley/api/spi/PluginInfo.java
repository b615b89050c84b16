package parley.api.spi;

/**
 * SPI, optional: what a plugin says about itself, found with {@link java.util.ServiceLoader}.
 * Without it a plugin is named after its module and versioned by its module version.
 *
 * @see parley.api.ApiVersion
 */
public interface PluginInfo {

    /** A short name, e.g. {@code rooms}. */
    String name();

    /** By default the version of the plugin's module (the build sets it from the project version). */
    default String version() {
        var descriptor = getClass().getModule().getDescriptor();
        return descriptor == null ? "-" : descriptor.rawVersion().orElse("-");
    }

    /** The kernel API version the plugin was built against ({@link parley.api.ApiVersion#CURRENT}). */
    int apiVersion();

    /** One line on what the plugin adds. */
    default String description() {
        return "";
    }

    /** Names of the plugins this one needs loaded before it. */
    default java.util.List<String> requires() {
        return java.util.List.of();
    }

    /**
     * The server settings this plugin reads, with their defaults, for listings and for the server's
     * check of unknown keys (a misspelt key is reported at start).
     */
    default java.util.List<parley.api.Setting<?>> settings() {
        return java.util.List.of();
    }

    /** The client settings this plugin reads ({@code parley client --set key=value}), for listings. */
    default java.util.List<parley.api.Setting<?>> clientSettings() {
        return java.util.List.of();
    }
}
