package parley.bench;

/** One figure of the report: a key for machines, a label for people, its unit, and which way is better. */
record Figure(String key, String label, String unit, boolean higherIsBetter) {

    static final Figure FANOUT = new Figure("fanout_deliveries_per_s", "fan-out SENDERS -> MEMBERS, deliveries/s", "/s", true);
    static final Figure FANOUT_ACCEPTED = new Figure("fanout_messages_per_s", "fan-out SENDERS -> MEMBERS, messages accepted/s", "/s", true);
    static final Figure FANOUT_CPU = new Figure("fanout_cpu_ns_per_delivery", "server CPU per delivery, SENDERS -> MEMBERS", "ns", false);
    static final Figure FANOUT_KIT_CPU = new Figure("fanout_load_generator_cpu_ns_per_delivery",
            "load generator CPU per delivery, SENDERS -> MEMBERS", "ns", false);
    static final Figure LATENCY_P50 = new Figure("latency_p50_ms", "latency p50, MEMBERS members x RATE msg/s", "ms", false);
    static final Figure LATENCY_P90 = new Figure("latency_p90_ms", "latency p90, MEMBERS members x RATE msg/s", "ms", false);
    static final Figure LATENCY_P99 = new Figure("latency_p99_ms", "latency p99, MEMBERS members x RATE msg/s", "ms", false);
    static final Figure LATENCY_P999 = new Figure("latency_p999_ms", "latency p99.9, MEMBERS members x RATE msg/s", "ms", false);
    static final Figure LATENCY_MAX = new Figure("latency_max_ms", "latency max, MEMBERS members x RATE msg/s", "ms", false);
    static final Figure LATENCY_CPU = new Figure("latency_cpu_ns_per_delivery",
            "server CPU per delivery, MEMBERS members x RATE msg/s", "ns", false);
    static final Figure LATENCY_KIT_CPU = new Figure("latency_load_generator_cpu_ns_per_delivery",
            "load generator CPU per delivery, MEMBERS members x RATE msg/s", "ns", false);
    static final Figure RAMP = new Figure("ramp_rate_p99_under_bound", "highest rate with p99 < BOUND ms, MEMBERS members", "msg/s", true);
    static final Figure BIG_FANOUT = new Figure("fanout1000_deliveries_per_s", "fan-out 1 -> 1000, deliveries/s", "/s", true);
    static final Figure BIG_CPU = new Figure("fanout1000_cpu_ns_per_delivery", "server CPU per delivery, 1 -> 1000", "ns", false);
    static final Figure BIG_VS_SMALL = new Figure("fanout1000_cost_vs_100", "CPU per delivery, 1 -> 1000 vs 1 -> 100", "x", false);
    static final Figure IDLE_HEAP = new Figure("idle_heap_bytes_per_connection", "idle logged-in connections: heap per connection", "B", false);
    static final Figure IDLE_RSS = new Figure("idle_rss_bytes_per_connection", "idle logged-in connections: RSS per connection", "B", false);
    static final Figure IDLE_SETUP_P50 = new Figure("idle_setup_p50_ms", "idle connections: time to set one up, p50", "ms", false);
    static final Figure IDLE_SETUP_P99 = new Figure("idle_setup_p99_ms", "idle connections: time to set one up, p99", "ms", false);
    static final Figure IDLE_RATE = new Figure("idle_connects_per_s", "idle logged-in connections: set up per second", "/s", true);
    static final Figure LOST = new Figure("deliveries_lost_doubled_or_out_of_order", "deliveries lost, doubled or out of order", "", false);
}
