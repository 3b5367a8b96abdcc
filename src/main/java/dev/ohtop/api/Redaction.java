package dev.ohtop.api;

/**
 * Hides a secret in text meant for people (error messages, the log). Not only the whole key:
 * servers echo part of one ({@code "sk-oh-1a2b3c... is not valid"}) and messages are cut short,
 * so any 8 characters in a row of the secret are hidden too. Fewer could turn up by chance.
 */
public final class Redaction {
    public static final String MASK = "****";
    /** The shortest run of a secret's characters that is hidden (all of a shorter secret). */
    public static final int PIECE = 8;

    private Redaction() {}

    /** {@code text} with every run of at least {@link #PIECE} characters of {@code secret} as {@link #MASK}. */
    public static String hide(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        int shortest = Math.min(PIECE, secret.length());
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i + shortest <= text.length()) {
            int run = longestRunAt(text, i, secret);
            if (run >= shortest) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, i).append(MASK);
                i += run;
                copied = i;
            } else {
                i++;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** How many characters of {@code text} from {@code at} on are also, in a row, somewhere in {@code secret}. */
    private static int longestRunAt(String text, int at, String secret) {
        int best = 0;
        char first = text.charAt(at);
        for (int j = secret.indexOf(first); j >= 0; j = secret.indexOf(first, j + 1)) {
            int n = 0;
            while (at + n < text.length() && j + n < secret.length() && text.charAt(at + n) == secret.charAt(j + n)) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
