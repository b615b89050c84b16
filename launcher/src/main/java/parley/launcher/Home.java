package parley.launcher;

import java.nio.file.Path;

/**
 * Where the launcher finds its files: the Parley folder, {@code parley.home}. {@code ./parley} sets it
 * to the project folder, the archive's {@code bin/parley} to the unpacked folder, so that
 * {@code plugins/} and {@code parley.properties} are found from any working directory.
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
