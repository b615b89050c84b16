package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.files.client.Uploader;
import parley.testkit.Pace;

/**
 * Uploads that must fail: a bad hash, a size over the limit (declared or actual), too few bytes, a
 * disconnect, a stall, bad requests. Each leaves nothing in the spool, tells the sender why, and leaves
 * the sender free to send again; other members get no offer.
 */
class UploadFailureTest {

    private static final Map<String, String> LIMITS = Map.of("files.max-size", "1MiB", "files.inline-max", "64KiB");

    @TempDir
    Path spool;
    @TempDir
    Path work;

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = FilesServer.start(spool, LIMITS);
    }

    @AfterEach
    void nothingIsLeftInProgress() {
        try {
            await().atMost(LONG).until(() -> FilesServer.entries(spool).stream().noneMatch(n -> n.endsWith(".part")));
            await().atMost(LONG).until(() -> server.context().sequences().active().isEmpty());
        } finally {
            server.close();
        }
    }

    @Test
    void aChunkedUploadWithTheWrongHashIsRefusedAndNothingIsKept() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "h-alice", "room1");
             ParleyClient bob = FilesServer.member(server, "h-bob", "room1")) {
            byte[] content = FilesServer.bytes(300_000, 1);
            SequenceHandle upload = begin(alice, FilesServer.sendFile("room1", "a.bin", content.length,
                    Sha256.of(new byte[] {1})));
            String tag = upload.serverId();
            sendChunks(alice, tag, content, 64 * 1024);
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", tag));
            assertThatThrownBy(() -> upload.await(LONG)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("SHA-256 mismatch").hasMessageContaining(Sha256.of(content))
                    .hasMessageContaining("nothing was kept");
            assertThat(storedFiles()).isEmpty();
            assertSenderIsFree(alice, "room1");
            assertThat(bob.awaitPush(FileVerbs.FILE, LONG).get("file").get("filename").stringValue())
                    .isEqualTo("again.txt"); // the only offer bob ever got
        }
    }

    @Test
    void anInlineUploadWithTheWrongHashIsRefusedBeforeItStarts() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "i-alice", "room1")) {
            byte[] content = "hello".getBytes();
            Message send = Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                    .put("meta", FilesServer.meta("x.txt", 5, Sha256.of("other".getBytes())))
                    .put("data", Base64.getEncoder().encodeToString(content));
            SequenceHandle upload = alice.begin(send, FileVerbs.SEND_FILE, "room1", LONG);
            assertThatThrownBy(() -> upload.await(LONG)).hasMessageContaining("SHA-256 mismatch");
            assertThat(upload.ack().get().type()).isEqualTo("ERROR"); // no ACK: nothing started
            assertThat(storedFiles()).isEmpty();
            assertSenderIsFree(alice, "room1");
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeAnyByte() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "d-alice", "room1")) {
            SequenceHandle upload = alice.begin(FilesServer.sendFile("room1", "huge.iso", 2L << 20, Sha256.of(new byte[0])),
                    FileVerbs.SEND_FILE, "room1", LONG);
            Message answer = upload.ack().get();
            assertThat(answer.type()).isEqualTo("ERROR");
            assertThat(answer.text("reason")).contains("huge.iso declares 2.0 MiB").contains("files.max-size")
                    .contains("limit of 1.0 MiB");
            assertThat(FilesServer.entries(spool)).isEmpty();
            Message inline = alice.call(Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                    .put("meta", FilesServer.meta("big.txt", 5L << 20, null)).put("data", "aGVsbG8="), LONG);
            assertThat(inline.text("reason")).contains("files.max-size");
            assertSenderIsFree(alice, "room1");
        }
    }

    @Test
    void sendingMoreThanDeclaredEndsTheUploadAndNothingIsKept() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "m-alice", "room2")) {
            byte[] content = FilesServer.bytes(150_000, 2);
            SequenceHandle upload = begin(alice, FilesServer.sendFile("room2", "m.bin", 100_000, Sha256.of(content)));
            sendChunks(alice, upload.serverId(), content, 40_000);
            assertThatThrownBy(() -> upload.await(LONG)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("over the 100000 it declared").hasMessageContaining("nothing was kept");
            assertThat(storedFiles()).isEmpty();

            Message inline = alice.call(Message.of(FileVerbs.SEND_FILE).put("room", "room2")
                    .put("meta", FilesServer.meta("m.txt", 3, null)).put("data", "aGVsbG8="), LONG);
            assertThat(inline.type()).isEqualTo("ERROR");
            assertThat(inline.text("reason")).contains("5 bytes, more than the 3 meta.size declares");
            assertSenderIsFree(alice, "room2");
        }
    }

    @Test
    void endingShortIsRefused() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "s-alice", "room3")) {
            byte[] content = FilesServer.bytes(200_000, 3);
            SequenceHandle upload = begin(alice, FilesServer.sendFile("room3", "s.bin", content.length, Sha256.of(content)));
            alice.sendBinary(upload.serverId(), content, 0, 100_000);
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", upload.serverId()));
            assertThatThrownBy(() -> upload.await(LONG)).hasMessageContaining("ended after 100000 of the 200000 bytes");
            assertThat(storedFiles()).isEmpty();
        }
    }

    @Test
    void aDisconnectMidUploadLeavesNoFileAndTheSenderCanSendAgain() throws Exception {
        ParleyClient alice = FilesServer.member(server, "x-alice", "room1");
        byte[] content = FilesServer.bytes(500_000, 4);
        SequenceHandle upload = begin(alice, FilesServer.sendFile("room1", "cut.bin", content.length, Sha256.of(content)));
        alice.sendBinary(upload.serverId(), content, 0, 200_000);
        await().atMost(LONG).until(() -> FilesServer.entries(spool).stream().anyMatch(n -> n.endsWith(".part")));
        alice.close();
        // unblocked at once: by its own close, or by the server's ERROR if that was read first
        assertThatThrownBy(() -> upload.await(LONG)).isInstanceOfAny(ClientException.class, RefusedException.class)
                .message().containsAnyOf("connection closed", "the initiator disconnected");
        await().atMost(LONG).until(() -> FilesServer.entries(spool).isEmpty());
        try (ParleyClient again = FilesServer.member(server, "x-alice", "room1")) {
            assertSenderIsFree(again, "room1");
        }
    }

    @Test
    void anUploadThatTricklesIsTakenForStalledAndGivesItsReservationBack() throws Exception {
        server.close();
        server = FilesServer.start(spool, Map.of("files.stall-timeout", "1s"));
        try (ParleyClient mallory = FilesServer.member(server, "t-mallory", "room2")) {
            byte[] content = FilesServer.bytes(500_000, 7);
            SequenceHandle upload = begin(mallory, FilesServer.sendFile("room2", "trickle.bin", content.length,
                    Sha256.of(content)));
            int[] at = {0};
            try (Pace trickle = Pace.every(Duration.ofMillis(50), () -> { // 100 bytes now and then, never 64 KiB
                if (at[0] >= content.length || upload.isDone()) {
                    return false;
                }
                mallory.sendBinary(upload.serverId(), content, at[0], 100);
                at[0] += 100;
                return true;
            })) {
                assertThatThrownBy(() -> upload.await(LONG)).isInstanceOf(RefusedException.class)
                        .hasMessageContaining("stalled: less than 64 KiB");
            }
            assertThat(FilesServer.entries(spool)).isEmpty();
            assertSenderIsFree(mallory, "room2");
        }
    }

    @Test
    void anUploadThatStallsEndsWithErrorAndUnblocksItsSender() throws Exception {
        server.close();
        server = FilesServer.start(spool, Map.of("files.stall-timeout", "1s"));
        try (ParleyClient alice = FilesServer.member(server, "t-alice", "room2")) {
            byte[] content = FilesServer.bytes(100_000, 5);
            SequenceHandle upload = begin(alice, FilesServer.sendFile("room2", "slow.bin", content.length, Sha256.of(content)));
            assertThat(upload.ack().get(LONG.toMillis(), TimeUnit.MILLISECONDS).number("timeout_ms", -1))
                    .as("the ACK announces the stall timeout, the deadline that applies").isEqualTo(1000);
            alice.sendBinary(upload.serverId(), content, 0, 10_000);
            assertThatThrownBy(() -> upload.await(LONG)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("stalled").hasMessageContaining("files.stall-timeout")
                    .hasMessageContaining("nothing was kept");
            assertThat(FilesServer.entries(spool)).isEmpty();
            assertSenderIsFree(alice, "room2");
        }
    }

    @Test
    void aShutdownMidUploadEndsItWithErrorAndLeavesNoFile() throws Exception {
        ParleyClient alice = FilesServer.member(server, "z-alice", "room1");
        byte[] content = FilesServer.bytes(500_000, 9);
        SequenceHandle upload = begin(alice, FilesServer.sendFile("room1", "late.bin", content.length, Sha256.of(content)));
        alice.sendBinary(upload.serverId(), content, 0, 200_000);
        await().atMost(LONG).until(() -> FilesServer.entries(spool).stream().anyMatch(n -> n.endsWith(".part")));
        server.close();
        assertThatThrownBy(() -> upload.await(LONG)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("server shutting down");
        assertThat(FilesServer.entries(spool)).isEmpty();
        alice.close();
        server = FilesServer.start(spool, LIMITS); // for the checks after each test
    }

    @Test
    void oneUploadPerRoomAtATime() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "b-alice", "room1", "room2")) {
            byte[] content = FilesServer.bytes(100_000, 6);
            SequenceHandle first = begin(alice, FilesServer.sendFile("room1", "one.bin", content.length, Sha256.of(content)));
            Message second = alice.call(FilesServer.sendFile("room1", "two.bin", 10, Sha256.of(new byte[10])), LONG);
            assertThat(second.type()).isEqualTo("ERROR");
            assertThat(second.text("reason")).contains("busy: your SEND_FILE sequence").contains("in room1");
            Message inline = alice.call(Message.of(FileVerbs.FILE).put("room", "room1").put("filename", "x")
                    .put("data", "aGk="), LONG);
            assertThat(inline.type()).isEqualTo("KO");
            assertThat(inline.text("reason")).contains("busy");
            Path other = Files.write(work.resolve("other.txt"), "other room".getBytes());
            assertThat(Uploader.send(alice, "room2", other, null, 8192, d -> { }).filename()).isEqualTo("other.txt");
            sendChunks(alice, first.serverId(), content, 50_000);
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", first.serverId()));
            assertThat(FileInfo.fromJson(first.await(LONG).get("file")).filename()).isEqualTo("one.bin");
        }
    }

    @Test
    void badRequestsGetAnErrorThatSaysWhatToFix() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "r-alice", "room1");
             ParleyClient bob = FilesServer.member(server, "r-bob", "room1")) {
            String sha = Sha256.of(new byte[10]);
            assertThat(reason(alice, FilesServer.sendFile("room3", "a", 10, sha))).contains("you are not in room3");
            assertThat(reason(alice, FilesServer.sendFile("attic", "a", 10, sha))).contains("unknown room 'attic'");
            assertThat(reason(alice, Message.of(FileVerbs.SEND_FILE).put("room", "room1")))
                    .contains("needs an object \"meta\"");
            assertThat(reason(alice, FilesServer.sendFile("room1", "a", 10, null))).contains("meta.sha256 is required");
            assertThat(reason(alice, FilesServer.sendFile("room1", "a", 10, "abc"))).contains("64 hex digits");
            assertThat(reason(alice, FilesServer.sendFile("room1", "a", -1, sha))).contains("meta.size must be");
            assertThat(reason(alice, FilesServer.sendFile("room1", "", 10, sha))).contains("meta.filename");
            assertThat(reason(alice, Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                    .put("meta", FilesServer.meta("a", 3, null)).put("data", "not base64!"))).contains("not valid base64");
            assertThat(reason(alice, Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                    .put("meta", FilesServer.meta("a", 100_000, null))
                    .put("data", Base64.getEncoder().encodeToString(new byte[100_000])))).contains("files.inline-max");
            Message noSeq = Message.of(FileVerbs.SEND_FILE).put("room", "room1").put("meta", FilesServer.meta("a", 1, sha));
            alice.send(noSeq);
            assertThat(alice.awaitPush("ERROR", LONG).text("reason")).contains("needs a \"seq\"");

            Message end = alice.call(Message.of(FileVerbs.SEND_FILE_END).put("seq", "s-999999"), LONG);
            assertThat(end.type()).isEqualTo("KO");
            assertThat(end.text("reason")).contains("no upload s-999999 of yours is open");
            byte[] content = FilesServer.bytes(1000, 8);
            SequenceHandle upload = begin(alice, FilesServer.sendFile("room1", "mine.bin", 1000, Sha256.of(content)));
            Message hijack = bob.call(Message.of(FileVerbs.SEND_FILE_END).put("seq", upload.serverId()), LONG);
            assertThat(hijack.type()).isEqualTo("KO");
            alice.sendBinary(upload.serverId(), content, 0, content.length);
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", upload.serverId()));
            assertThat(upload.await(LONG).get("file").get("size").intValue()).isEqualTo(1000);
        }
    }

    private static String reason(ParleyClient client, Message request) {
        Message reply = client.call(request.put("seq", "r" + System.nanoTime()), LONG);
        assertThat(reply.type()).as(reply.toString()).isEqualTo("ERROR");
        return reply.text("reason");
    }

    /** Begins a chunked upload and waits for its ACK. */
    private static SequenceHandle begin(ParleyClient client, Message send) throws Exception {
        SequenceHandle handle = client.begin(send, FileVerbs.SEND_FILE, send.text("room"), LONG);
        Message ack = handle.ack().get();
        assertThat(ack.type()).as(ack.toString()).isEqualTo("ACK");
        return handle;
    }

    private static void sendChunks(ParleyClient client, String tag, byte[] content, int chunk) throws Exception {
        for (int at = 0; at < content.length; at += chunk) {
            client.sendBinary(tag, content, at, Math.min(chunk, content.length - at));
        }
    }

    private void assertSenderIsFree(ParleyClient client, String room) throws Exception {
        Path file = Files.write(work.resolve("again.txt"), "sent after a failure".getBytes());
        FileInfo sent = Uploader.send(client, room, file, null, 8192, d -> { });
        assertThat(sent.filename()).isEqualTo("again.txt");
    }

    private java.util.List<String> storedFiles() {
        return FilesServer.entries(spool).stream().filter(n -> n.endsWith(".data")).toList();
    }
}
