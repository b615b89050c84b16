package parley.rooms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import parley.api.Message;
import parley.api.Setting;
import parley.rooms.api.RoomVerbs;
import parley.rooms.api.client.Chat;
import parley.api.client.ParleyClient;
import parley.api.spi.Benchmark;
import parley.api.spi.BenchmarkContext;

/**
 * {@code ./parley bench chat}: clients in one room all talking at once. Measures how many messages
 * per second reach members, and the latency from send to receipt.
 * Options: {@code clients} (default 50), {@code messages} per client (default 200), {@code room}.
 */
public final class ChatBenchmark implements Benchmark {

    static final Setting<Integer> CLIENTS = Setting.integer("clients", 50, 2, 10_000, "clients in the room");
    static final Setting<Integer> MESSAGES = Setting.integer("messages", 200, 1, 1_000_000, "messages per client");
    static final Setting<String> ROOM = Setting.text("room", "room1", "the room they talk in");

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String description() {
        return "clients in one room all talking at once: deliveries per second and latency";
    }

    /** Clients here send as fast as they can: the server under test runs without request and byte rate limits. */
    @Override
    public java.util.Map<String, String> serverSettings(parley.api.Config options, java.nio.file.Path serverDir) {
        return java.util.Map.of("limits.requests-per-second", "0", "limits.bytes-per-second", "0");
    }

    @Override
    public void run(BenchmarkContext context) throws Exception {
        int clients = context.options().get(CLIENTS);
        int messages = context.options().get(MESSAGES);
        String room = context.options().get(ROOM);
        long expected = (long) clients * (clients - 1) * messages;
        long[] latencies = new long[(int) Math.min(expected, 5_000_000)];
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        List<ParleyClient> all = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                // the listener counts the pushes: kept in each client's queue as well, the 490,000 of a
                // default run filled this process's heap, and collecting it took a quarter of its CPU
                ParleyClient client = context.connect(ParleyClient.Options.defaults().withPushQueueCapacity(0));
                all.add(client);
                client.onPush(m -> {
                    if (RoomVerbs.MSG.equals(m.type())) {
                        long latency = System.nanoTime() - Long.parseLong(m.text("msg"));
                        int i = samples.getAndIncrement();
                        if (i < latencies.length) {
                            latencies[i] = latency;
                        }
                        delivered.incrementAndGet();
                    }
                });
                client.login("bench-" + c + "-" + ProcessHandle.current().pid());
                Chat.join(client, room);
            }
            long start = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (ParleyClient client : all) {
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < messages; i++) {
                        client.request(Message.of(RoomVerbs.MSG).put("room", room).put("msg", Long.toString(System.nanoTime())));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (delivered.get() < expected) {
                throw new IllegalStateException("only " + delivered.get() + " of " + expected + " deliveries arrived");
            }
            int n = Math.min(samples.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            context.report("messages sent", (double) clients * messages, "msgs");
            context.report("deliveries", expected, "msgs");
            context.report("delivery rate", expected / seconds, "msgs/s");
            context.report("latency p50", sorted[n / 2] / 1e6, "ms");
            context.report("latency p99", sorted[(int) Math.min(n - 1, n * 0.99)] / 1e6, "ms");
        } finally {
            all.forEach(ParleyClient::close);
        }
    }
}
