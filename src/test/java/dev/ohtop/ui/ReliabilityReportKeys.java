package dev.ohtop.ui;

/** The report key under which a test publishes what the user saw (read by dev.ohtop.reliability.ReliabilityReport). */
final class ReliabilityReportKeys {
    static final String SEEN = "seen";

    private ReliabilityReportKeys() {}
}
