package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginOrder;

class PluginOrderTest {

    private static Plugin plugin(String name, String... requires) {
        return new Plugin(name, "1", "", name + ".jar", null, List.of(requires), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> names(PluginOrder.Result result) {
        return result.ordered().stream().map(Plugin::name).toList();
    }

    @Test
    void keepsTheFoundOrderButPutsNeedsFirst() {
        PluginOrder.Result result = PluginOrder.sort(List.of(plugin("a-files", "rooms"), plugin("b-tcp"),
                plugin("rooms"), plugin("vote", "rooms")));
        assertThat(names(result)).containsExactly("rooms", "a-files", "b-tcp", "vote");
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void missingNeedIsReportedAndSoAreThoseWhoNeedTheMissingOne() {
        PluginOrder.Result result = PluginOrder.sort(List.of(plugin("vote", "rooms"), plugin("tally", "vote"),
                plugin("tcp")));
        assertThat(names(result)).containsExactly("tcp");
        assertThat(result.failures()).extracting(PluginFailure::plugin).containsExactly("vote", "tally");
        assertThat(result.failures().get(0).reason()).contains("needs plugin 'rooms'").contains("not in the plugins directory");
        assertThat(result.failures().get(1).reason()).contains("needs plugin 'vote', which could not be loaded");
    }

    @Test
    void cycleIsReportedForEachMember() {
        PluginOrder.Result result = PluginOrder.sort(List.of(plugin("a", "b"), plugin("b", "c"), plugin("c", "a"),
                plugin("d")));
        assertThat(names(result)).containsExactly("d");
        assertThat(result.failures()).extracting(PluginFailure::plugin).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).contains("circular need: a -> b -> c -> a"));
    }

    @Test
    void duplicateNamesKeepTheFirst() {
        PluginOrder.Result result = PluginOrder.sort(List.of(plugin("rooms"), plugin("rooms")));
        assertThat(names(result)).containsExactly("rooms");
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("already loaded"));
    }
}
