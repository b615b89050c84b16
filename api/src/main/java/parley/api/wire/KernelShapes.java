package parley.api.wire;

import java.util.List;

import parley.api.Verbs;

/** Legacy shapes of the messages the kernel itself sends or answers. */
public final class KernelShapes {

    public static final List<LegacyShape> ALL = List.of(
            LegacyShape.of(Verbs.OK, List.of()),
            LegacyShape.of(Verbs.KO, List.of("reason?")),
            LegacyShape.of(Verbs.ERROR, List.of("reason?")),
            LegacyShape.of(Verbs.PING, List.of()),
            LegacyShape.of(Verbs.PONG, List.of()),
            LegacyShape.of(Verbs.SHUTDOWN, List.of("reason?")),
            LegacyShape.of("HELP", List.of("verbs...")),
            LegacyShape.of("PLUGINS", List.of("lines...")),
            LegacyShape.of("STATS", List.of("lines...")));

    private KernelShapes() {
    }
}
