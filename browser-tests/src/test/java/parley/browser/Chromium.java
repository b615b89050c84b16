package parley.browser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium and chromedriver, where the build says they are ({@code parley.chromium},
 * {@code parley.chromedriver}). A missing one fails the test with the command that installs it: the
 * browser tests are never skipped silently ({@code ./parley test} installs them first, as root).
 */
final class Chromium {

    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    private Chromium() {
    }

    static Path browser() {
        return find("parley.chromium", "/usr/bin/chromium", "Chromium");
    }

    static Path driver() {
        return find("parley.chromedriver", "/usr/bin/chromedriver", "chromedriver");
    }

    private static Path find(String property, String fallback, String what) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new AssertionError(what + " is not at " + path + ": the browser tests need Debian's headless Chromium."
                    + " Install it as root with: " + INSTALL + " (or give its path with -D" + property + "=...)");
        }
        return path;
    }
}
