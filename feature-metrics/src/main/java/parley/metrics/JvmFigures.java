package parley.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

import parley.api.Figure;

/** The JVM's memory (heap and non-heap) and garbage collections, read from its management beans. */
final class JvmFigures {

    private JvmFigures() {
    }

    static List<Figure> now() {
        List<Figure> out = new ArrayList<>();
        var memory = ManagementFactory.getMemoryMXBean();
        memory(out, "heap", memory.getHeapMemoryUsage());
        memory(out, "nonheap", memory.getNonHeapMemoryUsage());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.add(Figure.counter("jvm_gc_collections_total", Math.max(0, gc.getCollectionCount()),
                    "garbage collections, by collector").with("gc", gc.getName()));
            out.add(Figure.counter("jvm_gc_collection_seconds_total", Math.max(0, gc.getCollectionTime()) / 1000.0,
                    "time spent in garbage collections, by collector").with("gc", gc.getName()));
        }
        return out;
    }

    private static void memory(List<Figure> out, String area, MemoryUsage usage) {
        out.add(Figure.gauge("jvm_memory_used_bytes", usage.getUsed(), "memory in use, by area").with("area", area));
        out.add(Figure.gauge("jvm_memory_committed_bytes", usage.getCommitted(), "memory committed, by area").with("area", area));
        if (usage.getMax() >= 0) {
            out.add(Figure.gauge("jvm_memory_max_bytes", usage.getMax(), "the most memory there can be, by area").with("area", area));
        }
    }
}
