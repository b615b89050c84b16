#!/usr/bin/env bash
# new-plugin.sh NAME DIR VERSION: writes a ready Parley plugin project into DIR/NAME: a pom (parley-api
# provided, the test kit for its test), module-info, a command (NAME_UPPER "name" → a greeting), a
# client extension (/NAME), its PluginInfo, and a test that starts a real server with the plugin.
# ./parley new-plugin calls it. Exit codes: 0 written, 2 bad name or the folder exists.
set -euo pipefail

name=${1:-} dir=${2:-.} version=${3:-}
if ! [[ "$name" =~ ^[a-z][a-z0-9]{0,30}$ ]]; then
  echo "parley: bad plugin name '$name': use 1 to 31 lower-case letters and digits, starting with a letter (e.g. greet)" >&2
  exit 2
fi
project="$dir/$name"
if [ -e "$project" ]; then
  echo "parley: $project already exists: choose another name or folder" >&2
  exit 2
fi
verb=$(echo "$name" | tr '[:lower:]' '[:upper:]')
class=$(echo "${name:0:1}" | tr '[:lower:]' '[:upper:]')${name:1}
pkg="example.$name"
src="$project/src/main/java/example/$name"
test="$project/src/test/java/example/$name"
mkdir -p "$src" "$test"

cat > "$project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- A Parley plugin made by ./parley new-plugin. Build it with a JDK 21 or newer: mvn package. Drop
     target/$name-plugin.jar into the server's plugins/ folder. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>example.parley</groupId>
  <artifactId>$name-plugin</artifactId>
  <version>1.0.0</version>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>21</maven.compiler.release>
    <parley.version>$version</parley.version>
    <!-- the test kit starts servers with the kernel's host packages, exported to the launcher only:
         a plugin's tests need these two exports (see the test kit's module-info) -->
    <parley.test.exports>--add-exports parley.api/parley.api.server=ALL-UNNAMED --add-exports parley.api/parley.api.plugin=ALL-UNNAMED --add-exports parley.api/parley.api.server=$pkg --add-exports parley.api/parley.api.plugin=$pkg</parley.test.exports>
  </properties>

  <dependencies>
    <!-- provided: the server has the kernel; the plugin jar must not carry a copy -->
    <dependency>
      <groupId>parley</groupId>
      <artifactId>parley-api</artifactId>
      <version>\${parley.version}</version>
      <scope>provided</scope>
    </dependency>
    <dependency>
      <groupId>parley</groupId>
      <artifactId>parley-testkit</artifactId>
      <version>\${parley.version}</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>parley</groupId>
      <artifactId>parley-transport-tcp</artifactId>
      <version>\${parley.version}</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>6.1.3</version>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <finalName>$name-plugin</finalName>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
        <executions>
          <execution>
            <id>default-testCompile</id>
            <configuration>
              <compilerArgs>
                <arg>--add-exports=parley.api/parley.api.server=ALL-UNNAMED</arg>
                <arg>--add-exports=parley.api/parley.api.plugin=ALL-UNNAMED</arg>
                <arg>--add-exports=parley.api/parley.api.server=$pkg</arg>
                <arg>--add-exports=parley.api/parley.api.plugin=$pkg</arg>
              </compilerArgs>
            </configuration>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.6.1</version>
        <configuration>
          <argLine>\${parley.test.exports}</argLine>
        </configuration>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.5.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF

cat > "$project/src/main/java/module-info.java" <<EOF
/** The $name plugin: the $verb verb and the /$name client command. */
module $pkg {
    requires parley.api;

    provides parley.api.spi.Command with $pkg.${class}Command;
    provides parley.api.spi.ClientExtension with $pkg.${class}Client;
    provides parley.api.spi.PluginInfo with $pkg.${class}Info;
}
EOF

cat > "$src/${class}Command.java" <<EOF
package $pkg;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.spi.Command;

/** {@code $verb "name"} → {@code $verb {"text": "hello, name"}}; a text client reads {@code $verb "hello, name"}. */
public final class ${class}Command implements Command {

    @Override
    public String verb() {
        return "$verb";
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("name");
    }

    @Override
    public String help() {
        return "answers a greeting";
    }

    @Override
    public void handle(Request request) {
        request.reply(Message.of("$verb").put("text", "hello, " + request.require("name")));
    }
}
EOF

cat > "$src/${class}Client.java" <<EOF
package $pkg;

import java.time.Duration;
import java.util.List;

import parley.api.Message;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/** {@code /$name <name>} in the terminal client: sends $verb and prints the answer. */
public final class ${class}Client implements ClientExtension {

    @Override
    public List<SlashCommand> commands() {
        return List.of(new SlashCommand("$name", "<name>", "asks the server for a greeting", this::greet));
    }

    private void greet(String args, ClientContext context) {
        if (args.isBlank()) {
            throw new IllegalArgumentException("whom? /$name <name>");
        }
        Message reply = context.client().call(Message.of("$verb").put("name", args.strip()), Duration.ofSeconds(10));
        context.print(reply.text("text") != null ? reply.text("text") : "! " + reply.text("reason"));
    }
}
EOF

cat > "$src/${class}Info.java" <<EOF
package $pkg;

import parley.api.ApiVersion;
import parley.api.spi.PluginInfo;

/** Names the plugin. */
public final class ${class}Info implements PluginInfo {

    @Override
    public String name() {
        return "$name";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "the $verb verb and the /$name client command";
    }
}
EOF

cat > "$test/${class}CommandTest.java" <<EOF
package $pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** A real server with this plugin (from the test module path) on a free loopback port. */
class ${class}CommandTest {

    @Test
    void greetsInBothForms() throws Exception {
        ParleyServer server = TestServer.start();
        try (ParleyClient client = TestServer.loggedIn(server, "ann");
             LegacyClient text = TestServer.legacy(server)) {
            Message reply = client.call(Message.of("$verb").put("name", "bob"), Duration.ofSeconds(10));
            assertEquals("hello, bob", reply.text("text"));
            text.ask("LOGIN \"tim\""); // a text client logs in too; its answer lists the rooms, if any
            assertEquals("$verb \"hello, bob\"", text.ask("$verb \"bob\""));
        } finally {
            server.close();
        }
    }
}
EOF
echo "parley: made $project; build it with mvn package (a JDK 21 or newer), then copy target/$name-plugin.jar into plugins/"
