package dev.ohtop.api.events;

/** A kind this version of ohtop has never heard of: shown by its kind name, kept raw. */
public record UnknownEvent(EventInfo info) implements Event {
    @Override
    public String summary() {
        return "(" + (info.kind() == null ? "event without a kind" : info.kind()) + ")";
    }
}
