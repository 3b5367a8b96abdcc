package dev.ohtop.monitor;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the events screen shows of a tail, and what it searches for.
 *
 * <p>Kinds and sources are given as the ones <em>hidden</em>: a kind that first appears after the
 * user ticked the checklist is shown, not silently swallowed. {@code text} does not hide rows: it
 * marks the rows that contain it (summary or kind, case-insensitive) for next/previous match.
 *
 * @param hiddenKinds   kinds not shown (short names, as {@link TailEvent#kind()})
 * @param hiddenSources sources not shown ({@code agent}, {@code user}, {@code environment}, {@code hook})
 * @param errorsOnly    only events that are errors
 * @param text          what to search for; blank for no search
 */
public record TailFilter(Set<String> hiddenKinds, Set<String> hiddenSources, boolean errorsOnly, String text) {
    public static final TailFilter ALL = new TailFilter(Set.of(), Set.of(), false, "");

    public TailFilter {
        hiddenKinds = hiddenKinds == null ? Set.of() : Set.copyOf(hiddenKinds);
        hiddenSources = hiddenSources == null ? Set.of() : Set.copyOf(hiddenSources);
        text = text == null ? "" : text.strip();
    }

    /** Ticks or unticks one kind in the checklist. */
    public TailFilter toggleKind(String kind) {
        return new TailFilter(toggle(hiddenKinds, kind), hiddenSources, errorsOnly, text);
    }

    public TailFilter toggleSource(String source) {
        return new TailFilter(hiddenKinds, toggle(hiddenSources, source), errorsOnly, text);
    }

    /** Shows only {@code kind} of the kinds seen so far (a quick toggle). */
    public TailFilter onlyKind(String kind, Set<String> kindsSeen) {
        Set<String> hidden = new HashSet<>(kindsSeen);
        hidden.remove(kind);
        return new TailFilter(hidden, hiddenSources, errorsOnly, text);
    }

    public TailFilter toggleErrorsOnly() {
        return new TailFilter(hiddenKinds, hiddenSources, !errorsOnly, text);
    }

    public TailFilter withText(String newText) {
        return new TailFilter(hiddenKinds, hiddenSources, errorsOnly, newText);
    }

    /** The same rows shown (only the search may differ). */
    boolean sameRows(TailFilter other) {
        return errorsOnly == other.errorsOnly
                && hiddenKinds.equals(other.hiddenKinds)
                && hiddenSources.equals(other.hiddenSources);
    }

    boolean shows(TailEvent e) {
        return (!errorsOnly || e.error()) && !hiddenKinds.contains(e.kind()) && !hiddenSources.contains(e.source());
    }

    /** A matcher for {@link #text}, or null when there is no search. */
    TextMatcher matcher() {
        return text.isEmpty() ? null : new TextMatcher(text);
    }

    /** Case-insensitive substring search without lower-casing every summary into a new string. */
    static final class TextMatcher {
        private final char[] lower;
        private final char[] upper;

        TextMatcher(String needle) {
            lower = needle.toLowerCase(Locale.ROOT).toCharArray();
            upper = needle.toUpperCase(Locale.ROOT).toCharArray();
        }

        boolean matches(TailEvent e) {
            return in(e.summary()) || in(e.kind());
        }

        boolean in(String hay) {
            if (hay == null || lower.length != upper.length) {
                return hay != null && hay.toLowerCase(Locale.ROOT).contains(new String(lower));
            }
            int last = hay.length() - lower.length;
            outer:
            for (int i = 0; i <= last; i++) {
                for (int j = 0; j < lower.length; j++) {
                    char c = hay.charAt(i + j);
                    if (c != lower[j] && c != upper[j] && Character.toLowerCase(c) != lower[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private static Set<String> toggle(Set<String> set, String item) {
        Set<String> copy = new HashSet<>(set);
        if (!copy.remove(item)) {
            copy.add(item);
        }
        return copy;
    }
}
