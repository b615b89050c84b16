package example.dice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import parley.api.BadRequestException;

/**
 * A dice expression such as {@code 2d6}: how many dice, how many sides.
 *
 * @param count 1 to 100 dice
 * @param sides 2 to 1000 sides
 */
record Dice(int count, int sides) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})?d(\\d{1,4})");

    /** Parses {@code NdM} (N defaults to 1); a bad one is the sender's mistake, answered with ERROR. */
    static Dice parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase());
        if (!m.matches()) {
            throw new BadRequestException("dice look like 2d6 (count d sides), got '" + text + "'");
        }
        int count = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
        int sides = Integer.parseInt(m.group(2));
        if (count < 1 || count > 100 || sides < 2 || sides > 1000) {
            throw new BadRequestException("roll 1 to 100 dice of 2 to 1000 sides, got '" + text + "'");
        }
        return new Dice(count, sides);
    }

    List<Integer> roll() {
        List<Integer> faces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            faces.add(1 + ThreadLocalRandom.current().nextInt(sides));
        }
        return faces;
    }

    @Override
    public String toString() {
        return count + "d" + sides;
    }
}
