package parley.launcher;

import java.util.List;

import parley.api.Setting;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;

/**
 * A list of settings for a help text, laid out like picocli's own options: the key, then the
 * description and default, wrapped under the description's column rather than at column 0.
 */
final class SettingsHelp {

    private static final int KEY_COLUMN = 25;

    private SettingsHelp() {
    }

    /** The rows, each a key and its text, wrapped to {@code width} columns. */
    static String table(List<String[]> rows, int width) {
        TextTable table = TextTable.forColumns(Help.defaultColorScheme(Ansi.OFF),
                new Column(KEY_COLUMN, 2, Overflow.SPAN), new Column(width - KEY_COLUMN, 1, Overflow.WRAP));
        rows.forEach(row -> table.addRowValues(row[0], row[1]));
        return table.toString();
    }

    /** One row: the setting's key, and its description with its default as it is written. */
    static String[] row(Setting<?> setting) {
        String text = setting.defaultText();
        return new String[] {setting.key(), setting.description() + " (default " + (text.isEmpty() ? "none" : text) + ")"};
    }
}
