package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;

class PluginHostTest {

    @Test
    void whenTwoPluginsClaimAVerbTheFirstLoadedWinsAndTheFailureNamesBoth() {
        try (var kernel = KernelFixture.start(
                Plugin.builder("first").command(() -> Commands.of("SAY", r -> r.reply(Message.of("FROM_FIRST")))).build(),
                Plugin.builder("second").command(() -> Commands.of("SAY", r -> r.reply(Message.of("FROM_SECOND"))))
                        .command(() -> Commands.of("SHOUT", r -> r.ok())).build())) {

            assertThat(kernel.login("alice").call(Message.of("SAY")).type()).isEqualTo("FROM_FIRST");
            assertThat(kernel.server.failures()).extracting(PluginFailure::plugin, PluginFailure::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple("second",
                            "verb SAY refused: plugin first already provides it (the plugin loaded first wins)"));
            assertThat(kernel.server.verbs()).contains("SAY", "SHOUT");
            assertThat(kernel.server.plugins()).filteredOn(p -> p.name().equals("second"))
                    .singleElement().satisfies(p -> assertThat(p.verbs()).containsExactly("SHOUT"));
        }
    }

    @Test
    void aCommandRegisteredByConstructionIsAnswered() {
        try (var kernel = KernelFixture.start(Plugin.builder("built")
                .feature(() -> Features.starting(new AtomicReference<>(), context -> {
                    String greeting = "hello from the feature";
                    context.register(Commands.of("GREET", r -> r.reply(Message.of("GREETING").put("text", greeting))));
                }))
                .build())) {

            Message answer = kernel.login("alice").call(Message.of("GREET"));

            assertThat(answer.type()).isEqualTo("GREETING");
            assertThat(answer.text("text")).isEqualTo("hello from the feature");
        }
    }

    @Test
    void registeringACommandAfterStartThrows() {
        AtomicReference<ServerContext> context = new AtomicReference<>();
        try (var kernel = KernelFixture.start(Plugin.builder("late")
                .feature(() -> Features.starting(context, c -> { }))
                .build())) {

            assertThatThrownBy(() -> context.get().register(Commands.of("LATE", r -> r.ok())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("plugin late has started");
            assertThatThrownBy(() -> context.get().register(new PollAction()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(kernel.server.verbs()).doesNotContain("LATE");
        }
    }

    @Test
    void aPluginThatFailsToStartIsSkippedAndTheServerRuns() {
        try (var kernel = KernelFixture.start(Plugin.builder("broken")
                .feature(() -> Features.starting(new AtomicReference<>(), c -> {
                    c.register(Commands.of("BROKEN", r -> r.ok()));
                    throw new IllegalStateException("no database");
                }))
                .build())) {

            assertThat(kernel.server.failures()).singleElement()
                    .satisfies(f -> assertThat(f.toString()).contains("broken").contains("no database"));
            assertThat(kernel.server.verbs()).doesNotContain("BROKEN");
            assertThat(kernel.login("alice").call(Message.of(Verbs.PING)).type()).isEqualTo(Verbs.PONG);
        }
    }

    @Test
    void aPluginWhoseNeedIsMissingIsRefused() {
        Plugin base = Plugin.builder("needy").command(() -> Commands.of("NEEDY", r -> r.ok())).build();
        try (var kernel = KernelFixture.start(Plugins.requiring(base, "absent"))) {

            assertThat(kernel.server.failures()).extracting(PluginFailure::plugin).contains("needy");
            assertThat(kernel.server.verbs()).doesNotContain("NEEDY");
            assertThat(kernel.server.plugins()).extracting(LoadedPlugin::name).doesNotContain("needy");
        }
    }

    @Test
    void loadingAtRunTimeAddsTheVerbs() {
        try (var kernel = KernelFixture.start()) {
            var alice = kernel.login("alice");
            assertThat(alice.call(Message.of("LATER")).type()).isEqualTo(Verbs.ERROR);

            List<PluginFailure> failures = kernel.server.load(List.of(
                    Plugin.builder("later").command(() -> Commands.of("LATER", r -> r.ok())).build()));

            assertThat(failures).isEmpty();
            assertThat(alice.call(Message.of("LATER")).type()).isEqualTo(Verbs.OK);
        }
    }

    @Test
    void aPluginLoadedAtRunTimeIsLoadedWithoutItsTransportAndCanBeUnloaded() {
        MemoryTransport late = new MemoryTransport();
        try (var kernel = KernelFixture.start()) {
            List<PluginFailure> failures = kernel.server.load(List.of(Plugin.builder("late-transport")
                    .transport(() -> late)
                    .command(() -> Commands.of("LATE", r -> r.ok()))
                    .build()));
            assertThat(failures).isEmpty();
            assertThat(kernel.login("alice").call(Message.of("LATE")).type()).isEqualTo(Verbs.OK);

            assertThat(kernel.server.unload("late-transport")).containsExactly("late-transport");

            assertThat(kernel.server.verbs()).doesNotContain("LATE");
            assertThat(kernel.server.addresses()).containsOnlyKeys("memory");
        }
    }

    @Test
    void thePluginOfARunningTransportCannotBeUnloaded() {
        try (var kernel = KernelFixture.start()) {
            assertThatThrownBy(() -> kernel.server.unload("memory-transport"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("memory transport");
        }
    }

    @Test
    void pluginsListsTheLoadedPluginsAndTheFailuresAndHelpListsTheVerbs() {
        try (var kernel = KernelFixture.start(
                Plugin.builder("first").command(() -> Commands.of("SAY", r -> r.ok())).build(),
                Plugin.builder("second").command(() -> Commands.of("SAY", r -> r.ok())).build())) {
            var client = kernel.connect();

            Message plugins = client.call(Message.of("PLUGINS"));
            Message help = client.call(Message.of("HELP"));

            assertThat(plugins.type()).isEqualTo("PLUGINS");
            assertThat(plugins.get("plugins").findValuesAsString("name")).contains("first", "memory-transport");
            assertThat(plugins.get("failed").get(0).get("plugin").stringValue()).isEqualTo("second");
            assertThat(help.texts("verbs")).anySatisfy(line -> assertThat(line).startsWith("SAY"))
                    .anySatisfy(line -> assertThat(line).startsWith("LOGIN \"pseudo\""));
        }
    }
}
