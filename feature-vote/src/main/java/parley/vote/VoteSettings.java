package parley.vote;

import java.util.List;

import parley.api.Setting;

/** The vote plugin's settings and their defaults. The deadline settings are the kernel's (sequence-timeout). */
public final class VoteSettings {

    public static final Setting<Integer> MAX_QUESTION = Setting.integer("vote.max-question", 500, 1, 10_000,
            "longest question, in characters");

    public static final Setting<Integer> MAX_OPTIONS = Setting.integer("vote.max-options", 10, 2, 100,
            "most options in a multiple-choice vote");

    public static final List<Setting<?>> ALL = List.of(MAX_QUESTION, MAX_OPTIONS);

    private VoteSettings() {
    }
}
