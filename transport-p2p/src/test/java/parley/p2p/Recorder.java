package parley.p2p;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import parley.p2p.client.P2pAsk;
import parley.p2p.client.P2pEvents;
import parley.p2p.client.P2pLink;
import parley.p2p.client.ReceivedFile;

/** Keeps every P2P event, for assertions. Thread-safe. */
final class Recorder implements P2pEvents {

    final List<P2pAsk> asks = new CopyOnWriteArrayList<>();
    final List<P2pLink> linked = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<ReceivedFile> files = new CopyOnWriteArrayList<>();
    final List<String> fileFailures = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();

    @Override
    public void asked(P2pAsk ask) {
        asks.add(ask);
    }

    @Override
    public void linked(P2pLink link) {
        linked.add(link);
    }

    @Override
    public void failed(String peer, String reason) {
        failed.add(peer + ": " + reason);
    }

    @Override
    public void notice(String text) {
        notices.add(text);
    }

    @Override
    public void message(P2pLink link, String text) {
        messages.add(link.peer() + ": " + text);
    }

    @Override
    public void fileReceived(P2pLink link, ReceivedFile file) {
        files.add(file);
    }

    @Override
    public void fileFailed(P2pLink link, String name, String reason) {
        fileFailures.add(name + ": " + reason);
    }

    @Override
    public void closed(P2pLink link, String reason) {
        closed.add(link.peer() + ": " + reason);
    }

    /** Waits for the first link to come up. */
    P2pLink awaitLinked() {
        await().atMost(P2pServer.LONG).until(() -> !linked.isEmpty());
        return linked.get(0);
    }

    void awaitMessage(String line) {
        await().atMost(P2pServer.LONG).until(() -> messages.contains(line));
    }

    /** Waits for a closed link whose reason contains {@code part}; returns that line. */
    String awaitClosed(String part) {
        await().atMost(P2pServer.LONG).until(() -> closed.stream().anyMatch(c -> c.contains(part)));
        return closed.stream().filter(c -> c.contains(part)).findFirst().orElseThrow();
    }

    /** Everything said about ends and failures, in one text. */
    String endings() {
        return String.join("\n", closed) + "\n" + String.join("\n", notices) + "\n" + String.join("\n", failed);
    }
}
