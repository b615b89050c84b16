package parley.launcher;

import java.io.IOException;
import java.io.Reader;
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

    static Config build(Path file, Map<String, String> sets, Map<String, String> options) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IOException("cannot read the config file " + file + ": " + e.getMessage(), e);
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
