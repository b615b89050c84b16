package parley.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client as the web plugin's jar ships it: no inline script or handler anywhere (the page's
 * Content-Security-Policy forbids them), no way for text to become HTML, every module it imports is
 * there, and the server serves each file with its type under that policy.
 */
class BrowserClientFilesTest {

    private static final String ROOT = "parley/web/client/";
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void readTheJar() throws IOException {
        Path jar = ParleyProcess.plugins().resolve("web").resolve("parley-transport-web.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().startsWith(ROOT) && !entry.isDirectory()) {
                    FILES.put(entry.getName().substring(ROOT.length()),
                            new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(FILES).as("the client's files in " + jar).containsKeys("index.html", "style.css", "js/main.js");
    }

    @Test
    void thePageHasNoInlineScriptHandlerOrStyle() {
        String page = FILES.get("index.html");
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script comes from a file").contains("src=");
            assertThat(scripts.group(2)).as("and has no inline code").isBlank();
        }
        assertThat(count).isEqualTo(1);
        assertThat(page).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)javascript:");
    }

    @Test
    void noScriptTurnsTextIntoHtml() {
        List<String> scripts = FILES.keySet().stream().filter(n -> n.endsWith(".js")).toList();
        assertThat(scripts).hasSizeGreaterThan(5);
        for (String name : scripts) {
            assertThat(FILES.get(name)).as(name)
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function", "DOMParser", "createContextualFragment")
                    .doesNotContainPattern("setAttribute\\(\\s*['\"]on");
        }
    }

    @Test
    void everyImportAndLinkIsInTheJar() {
        List<String> missing = new ArrayList<>();
        Pattern imports = Pattern.compile("from\\s+'\\./([^']+)'");
        for (var file : FILES.entrySet()) {
            if (file.getKey().startsWith("js/")) {
                Matcher m = imports.matcher(file.getValue());
                while (m.find()) {
                    if (!FILES.containsKey("js/" + m.group(1))) {
                        missing.add(file.getKey() + " imports " + m.group(1));
                    }
                }
            }
        }
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(FILES.get("index.html"));
        while (links.find()) {
            if (!FILES.containsKey(links.group(1))) {
                missing.add("index.html links " + links.group(1));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theServerServesEachFileWithItsTypeUnderAPolicyWithoutInlineScripts() throws Exception {
        try (ParleyProcess server = ParleyProcess.server(temp.resolve("server"))) {
            int port = server.awaitPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(FILES.get("index.html"));
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as("the page's policy").contains("script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
            for (String name : FILES.keySet()) {
                HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + name)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(file.statusCode()).as(name).isEqualTo(200);
                String type = file.headers().firstValue("Content-Type").orElse("");
                if (name.endsWith(".js")) {
                    assertThat(type).as(name).startsWith("text/javascript");
                } else if (name.endsWith(".css")) {
                    assertThat(type).as(name).startsWith("text/css");
                }
            }
        }
    }
}
