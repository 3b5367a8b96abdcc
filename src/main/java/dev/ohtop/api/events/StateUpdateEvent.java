package dev.ohtop.api.events;

/**
 * A change of conversation state: {@code key} (e.g. {@code execution_status}, {@code stats},
 * {@code full_state}) and a short text of its value. {@code cost} is the accumulated cost
 * when the update carries one (stats, full_state), else null; {@code full} what a
 * {@code full_state} update says, else null.
 */
public record StateUpdateEvent(EventInfo info, String key, String value, Double cost, FullState full) implements Event {
    @Override
    public String summary() {
        if (full != null) {
            return "full state: " + full.summary();
        }
        String shown = cost != null ? String.format(java.util.Locale.ROOT, "cost $%.4f", cost) : value;
        return (key == null ? "state" : key) + (shown == null || shown.isEmpty() ? "" : " = " + shown);
    }
}
