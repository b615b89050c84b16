package parley.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import parley.api.Config;

/**
 * Builds a {@link Config} from, in rising precedence: a properties file, {@code --set key=value}
 * options, then the command's own options such as {@code --port}.
 */
final class ConfigSources {

    private ConfigSources() {
    }

    /** {@code parley.properties} in the Parley folder, if there is one: the archive ships it. */
    static Path defaultFile() {
        Path file = Home.dir().resolve("parley.properties");
        return Files.isRegularFile(file) ? file : null;
    }

    static Config build(Path file, Map<String, String> sets, Map<String, String> options) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new IOException("cannot read the config file " + file + ": no such file"
                        + " (parley config prints one with every setting)", e);
            } catch (AccessDeniedException e) {
                throw new IOException("cannot read the config file " + file + ": permission denied", e);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot read the config file " + file + ": "
                        + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()), e);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        }
        if (sets != null) {
            values.putAll(sets);
        }
        options.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return Config.of(values);
    }
}
