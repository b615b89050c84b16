package parley.api;

/**
 * The version of the kernel API that plugins compile against. It changes when a change to an SPI
 * would break a plugin built for an earlier one.
 */
public final class ApiVersion {

    public static final int CURRENT = 1;

    private ApiVersion() {
    }
}
