package parley.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import parley.api.Names;

/** Fuzzing of the rules for names: any text gets a verdict, never an exception, and the key is stable. */
class NamesFuzzTest {

    @Property(tries = 5000)
    void anyTextIsJudgedAndKeyed(@ForAll @Size(max = 80) String name) {
        String problem = Names.problem(name);
        if (problem == null) {
            assertThat(name.codePointCount(0, name.length())).isBetween(1, Names.MAX_LENGTH);
            String key = Names.key(name);
            assertThat(Names.key(key)).as("a key is its own key").isEqualTo(key);
        } else {
            assertThat(problem).isNotBlank();
        }
    }
}
