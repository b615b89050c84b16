package parley.launcher;

import java.nio.file.Path;

/**
 * Where the launcher finds its files. {@code ./parley} sets {@code parley.home} to the project
 * folder, so that {@code plugins/} is found from any working directory.
 */
final class Home {

    private Home() {
    }

    static Path dir() {
        return Path.of(System.getProperty("parley.home", ".")).toAbsolutePath().normalize();
    }

    /** The default plugins directory: {@code <home>/plugins}. */
    static Path plugins() {
        return dir().resolve("plugins");
    }
}
