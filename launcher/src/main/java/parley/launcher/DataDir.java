package parley.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server keeps the plugins' data ({@code data-dir}) when the config does not say: the
 * plugins' own default, {@code data/} in the Parley folder, as long as that can be written; otherwise
 * (an archive unpacked into a read-only place) {@code $XDG_DATA_HOME/parley}, by default
 * {@code ~/.local/share/parley}.
 */
final class DataDir {

    /** The setting's key, read by the plugins that keep data (files). */
    static final String KEY = "data-dir";

    private DataDir() {
    }

    /**
     * The data directory to set instead of the plugins' default, or {@code null} to keep it.
     *
     * @param home the Parley folder ({@code parley.home})
     * @param env  the environment, for {@code XDG_DATA_HOME}
     * @param userHome the user's home directory
     */
    static Path fallback(Path home, Map<String, String> env, Path userHome) {
        Path data = home.resolve("data");
        if (Files.isDirectory(data) ? Files.isWritable(data) : Files.isWritable(home)) {
            return null;
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
        return base.resolve("parley");
    }
}
