package dev.ohtop.api.events;

/** The history was condensed (or a condensation was asked for): how many events were forgotten, and the summary. */
public record CondensationEvent(EventInfo info, int forgottenEvents, String summaryText) implements Event {
    @Override
    public String summary() {
        String forgot = forgottenEvents > 0 ? "forgot " + forgottenEvents + " events" : "condensation";
        return summaryText == null || summaryText.isEmpty() ? forgot : forgot + ": " + summaryText;
    }
}
