package parley.api.server;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import parley.api.Names;

/**
 * The server operators named by the {@code operators} setting, compared by their {@link Names#key}
 * so that a look-alike spelling of an operator's pseudo is the same operator (and needs its password).
 */
record Operators(Set<String> keys) {

    Operators {
        keys = Set.copyOf(keys);
    }

    /** Parses {@code "alice, bob"}; blanks are ignored. */
    static Operators parse(String list) {
        return new Operators(Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(Names::key)
                .collect(Collectors.toSet()));
    }

    boolean contains(String pseudo) {
        return keys.contains(Names.key(pseudo));
    }
}
