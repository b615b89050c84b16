package parley.api;

/**
 * The version of the kernel API that plugins compile against, and the range this kernel runs.
 *
 * <p>{@link #CURRENT} goes up by one whenever the API changes. A plugin built for API {@code N} (its
 * {@link parley.api.spi.PluginInfo#apiVersion()}) runs on every kernel whose range
 * [{@link #OLDEST}, {@link #CURRENT}] holds {@code N}: an addition raises {@code CURRENT} only, a change
 * that breaks plugins built before raises {@code OLDEST} too.
 */
public final class ApiVersion {

    /** The API this kernel offers, and that plugins built against it declare. */
    public static final int CURRENT = 6;

    /** The oldest API whose plugins still run on this kernel. Version 2 ("Kernel 2") broke version 1. */
    public static final int OLDEST = 2;

    private ApiVersion() {
    }

    /** True when a plugin built for API {@code version} runs on this kernel. */
    public static boolean supports(int version) {
        return version >= OLDEST && version <= CURRENT;
    }

    /** The range this kernel runs, for messages: {@code "2"} or {@code "2 to 3"}. */
    public static String range() {
        return OLDEST == CURRENT ? Integer.toString(CURRENT) : OLDEST + " to " + CURRENT;
    }
}
