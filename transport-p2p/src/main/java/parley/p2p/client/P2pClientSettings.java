package parley.p2p.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/**
 * The P2P client settings ({@code parley client --set key=value}) and their defaults: the one
 * place they are defined.
 */
public final class P2pClientSettings {

    public static final Setting<AcceptPolicy> ACCEPT = new Setting<>("p2p.accept", AcceptPolicy.ASK,
            "when another user asks for a link: ask (you answer /accept or /refuse), always, or never",
            AcceptPolicy::parse);

    public static final Setting<String> LISTEN_HOST = Setting.text("p2p.listen-host", "0.0.0.0",
            "address this client listens on for a caller, while a link it accepted is being set up");

    public static final Setting<Integer> LISTEN_PORT = Setting.integer("p2p.listen-port", 0, 0, 65535,
            "port this client listens on for a caller; 0 picks a free one");

    public static final Setting<Integer> ANNOUNCE_PORT = Setting.integer("p2p.announce-port", 0, 0, 65535,
            "port announced to the caller, when a router forwards another one to p2p.listen-port; 0: the one listened on");

    public static final Setting<Path> DOWNLOADS = Setting.path("p2p.downloads",
            Path.of(System.getProperty("user.home"), "parley-downloads"), "folder where files received over a link go (~/parley-downloads, like files.download-dir; ~ is your home)");

    public static final Setting<Long> MAX_FILE_BYTES = Setting.bytes("p2p.max-file-bytes", 4L << 30,
            "largest file accepted over a link");

    public static final Setting<Duration> KEEPALIVE = Setting.duration("p2p.keepalive", Duration.ofSeconds(15),
            "silence after which a link sends PING");

    public static final Setting<Duration> LINK_TIMEOUT = Setting.duration("p2p.link-timeout", Duration.ofSeconds(45),
            "silence from the peer after which a link is reported dropped");

    /** Every P2P client setting, for help texts. */
    public static final List<Setting<?>> ALL = List.of(ACCEPT, LISTEN_HOST, LISTEN_PORT, ANNOUNCE_PORT, DOWNLOADS,
            MAX_FILE_BYTES, KEEPALIVE, LINK_TIMEOUT);

    private P2pClientSettings() {
    }
}
