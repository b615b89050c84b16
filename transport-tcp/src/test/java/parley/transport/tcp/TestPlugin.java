package parley.transport.tcp;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Sessions;
import parley.api.plugin.Plugin;
import parley.api.spi.Command;

/** Commands for exercising the transport without any feature plugin. */
final class TestPlugin {

    private TestPlugin() {
    }

    static Plugin create() {
        return Plugin.builder("transport-test")
                .command(Echo::new)
                .command(Shout::new)
                .command(Crash::new)
                .command(Upload::new)
                .command(UploadDone::new)
                .command(Download::new)
                .build();
    }

    /** {@code ECHO "text"} → {@code ECHO "text"}. */
    static final class Echo implements Command {
        @Override
        public String verb() {
            return "ECHO";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("text?");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("ECHO").put("text", String.valueOf(request.message().text("text"))));
        }
    }

    /** {@code SHOUT "text"}: pushed once-encoded to every other logged-in session, then OK. */
    static final class Shout implements Command {
        @Override
        public String verb() {
            return "SHOUT";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("from", "text");
        }

        @Override
        public void handle(Request request) {
            var push = request.server().encodeOnce(Message.of("SHOUT")
                    .put("from", request.session().pseudo()).put("text", request.require("text")));
            for (var session : request.server().sessions().loggedIn()) {
                if (session != request.session()) {
                    session.send(push);
                }
            }
            request.ok();
        }
    }

    /** {@code CRASH}: a plugin bug. */
    static final class Crash implements Command {
        @Override
        public String verb() {
            return "CRASH";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            throw new IllegalStateException("boom");
        }
    }

    /** Running SHA-256 of what a session sent on one binary tag. */
    private static final java.util.Map<String, java.security.MessageDigest> DIGESTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code UPLOAD {"tag":..}}: routes that binary tag into a SHA-256. */
    static final class Upload implements Command {
        @Override
        public String verb() {
            return "UPLOAD";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            String tag = request.require("tag");
            java.security.MessageDigest digest = sha256();
            DIGESTS.put(request.session().id() + tag, digest);
            request.server().routeBinary(request.session(), tag, digest::update);
            request.ok();
        }
    }

    /** {@code UPLOAD_DONE {"tag":..}}: closes the route, answers the hash of what arrived. */
    static final class UploadDone implements Command {
        @Override
        public String verb() {
            return "UPLOAD_DONE";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            String tag = request.require("tag");
            request.server().unrouteBinary(request.session(), tag);
            byte[] hash = DIGESTS.remove(request.session().id() + tag).digest();
            request.reply(Message.of("UPLOADED").put("sha256", java.util.HexFormat.of().formatHex(hash)));
        }
    }

    /** {@code DOWNLOAD {"tag":..,"size":n}}: streams n pseudo-random bytes back, waiting on the queue. */
    static final class Download implements Command {
        @Override
        public String verb() {
            return "DOWNLOAD";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            String tag = request.require("tag");
            long size = request.message().number("size", 0);
            var session = request.session();
            request.ok();
            Thread.ofVirtual().start(() -> {
                java.util.Random random = new java.util.Random(size);
                byte[] chunk = new byte[64 * 1024];
                java.security.MessageDigest digest = sha256();
                try {
                    for (long sent = 0; sent < size; ) {
                        int n = (int) Math.min(chunk.length, size - sent);
                        random.nextBytes(chunk);
                        digest.update(chunk, 0, n);
                        if (!session.awaitQueuedBelow(256 * 1024, java.time.Duration.ofSeconds(30))) {
                            return;
                        }
                        session.sendBinary(tag, chunk, 0, n);
                        sent += n;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                session.send(Message.of("DOWNLOADED").put("tag", tag)
                        .put("sha256", java.util.HexFormat.of().formatHex(digest.digest())));
            });
        }
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
