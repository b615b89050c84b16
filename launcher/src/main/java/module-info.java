/**
 * The launcher: the {@code parley} command line (server, client, plugins), the plugin layers and the
 * interactive terminal client. It depends on the kernel only and finds every feature and transport
 * in the plugins directory with ServiceLoader.
 */
module parley.launcher {
    requires parley.api;
    requires info.picocli;
    requires org.jline.reader;
    requires org.jline.terminal;
    requires ch.qos.logback.classic;
    // in the boot layer (and the jlink runtime) for plugins that use JDBC, like the history's H2
    requires java.sql;
    requires ch.qos.logback.core; // Logging holds start-up lines back with its ListAppender
    // in the boot layer (and the linked runtime) for plugins that read the JVM's figures: metrics
    requires java.management;
    // in the boot layer (and the linked runtime) for the web plugin's Netty, whose modules require it
    requires jdk.unsupported;

    opens parley.launcher to info.picocli;
}
