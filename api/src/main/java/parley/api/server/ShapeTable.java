package parley.api.server;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import parley.api.wire.LegacyShape;

/**
 * The legacy shapes of every message type the hosted plugins declared, as the codec reads them. The
 * plugin host replaces the whole table after each load or unload; readers see one table or the next.
 */
final class ShapeTable {

    private volatile Map<String, LegacyShape> shapes = Map.of();

    /** The shape of a type, or {@code null}. */
    LegacyShape get(String type) {
        return shapes.get(type);
    }

    /** Replaces every shape; where two share a type, the first wins. */
    void replace(Collection<LegacyShape> all) {
        Map<String, LegacyShape> byType = new LinkedHashMap<>();
        for (LegacyShape shape : all) {
            byType.putIfAbsent(shape.type(), shape);
        }
        shapes = Map.copyOf(byType);
    }
}
