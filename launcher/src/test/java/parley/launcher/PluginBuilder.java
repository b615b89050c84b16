package parley.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * Builds a small plugin jar from source text with the JDK's own javac and jar tools, against the
 * kernel jar only, as a third party would. For tests of what the plugin loader does with odd plugins.
 */
final class PluginBuilder {

    private final Path work;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> modulePath = new ArrayList<>();

    private PluginBuilder(Path work) {
        this.work = work;
        modulePath.add(Path.of(System.getProperty("parley.lib")));
    }

    static PluginBuilder in(Path work) {
        return new PluginBuilder(work);
    }

    /** Adds a source file, e.g. {@code source("module-info.java", "module x { ... }")}. */
    PluginBuilder source(String path, String code) {
        sources.put(path, code);
        return this;
    }

    /** Adds a non-class file to the jar, e.g. a META-INF/services entry. */
    PluginBuilder resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Compiles against these jars too (a library the plugin uses). */
    PluginBuilder against(Path jar) {
        modulePath.add(jar);
        return this;
    }

    /** Compiles and jars everything into {@code jar}; fails the test with javac's output on error. */
    Path jar(Path jar) throws IOException {
        Path dir = Files.createTempDirectory(work, "build");
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString()));
        if (sources.containsKey("module-info.java")) {
            args.addAll(List.of("-p", String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList())));
        } else { // an automatic-module plugin: compiled on the class path
            List<String> jars = new ArrayList<>();
            for (Path entry : modulePath) {
                if (Files.isDirectory(entry)) {
                    try (var list = Files.list(entry)) {
                        list.map(Path::toString).filter(n -> n.endsWith(".jar")).forEach(jars::add);
                    }
                } else {
                    jars.add(entry.toString());
                }
            }
            args.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, jars)));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        run("javac", args);
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classes.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    private static void run(String tool, List<String> args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        int code = ToolProvider.findFirst(tool).orElseThrow(() -> new AssertionError("no " + tool + " in this JDK"))
                .run(stream, stream, args.toArray(String[]::new));
        if (code != 0) {
            throw new AssertionError(tool + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** A module-info providing one Command. */
    static String moduleProvidingCommand(String module, String commandClass) {
        return "module " + module + " { requires parley.api; provides parley.api.spi.Command with " + commandClass + "; }";
    }

    /** A Command that answers its verb with OK and a {@code said} field. */
    static String command(String pkg, String cls, String verb, String said, String extraBody) {
        return "package " + pkg + ";\n"
                + "public final class " + cls + " implements parley.api.spi.Command {\n"
                + extraBody + "\n"
                + "  public String verb() { return \"" + verb + "\"; }\n"
                + "  public boolean requiresLogin() { return false; }\n"
                + "  public void handle(parley.api.Request r) { r.reply(parley.api.Message.of(\"OK\").put(\"said\", " + said + ")); }\n"
                + "}\n";
    }
}
