package dev.ohtop.presentation;

import dev.ohtop.api.ByteSizes;
import dev.ohtop.monitor.Durations;
import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import java.time.Duration;

/** How far a transfer is, in words: sizes in binary units, the rate, the time left; once done, one sentence. */
public final class TransferText {
    private TransferText() {}

    /** {@code 512 B}, {@code 8.4 MiB}. */
    public static String bytes(long n) {
        return ByteSizes.of(n);
    }

    public static String rate(double bytesPerSecond) {
        return bytes((long) bytesPerSecond) + "/s";
    }

    /** The words after the bar: sizes, then the rate and the time left once they can be told. */
    public static String figures(TransferSnapshot s) {
        StringBuilder words = new StringBuilder(bytes(s.done()));
        words.append(s.total() >= 0 ? " / " + bytes(s.total()) : " so far");
        if (s.bytesPerSecond() > 0) {
            words.append("  ").append(rate(s.bytesPerSecond()));
        }
        if (s.eta() != null) {
            words.append("  ETA ").append(Durations.brief(s.eta()));
        }
        return words.toString();
    }

    /** {@code downloaded 20.0 MiB to /home/me/x.bin in 1.2s (16.7 MiB/s)}. */
    public static String finished(TransferSnapshot s) {
        String what = switch (s.kind()) {
            case DOWNLOAD -> "downloaded " + bytes(s.done()) + " to " + s.localPath();
            case UPLOAD -> "uploaded " + bytes(s.done()) + " to " + s.remotePath();
            case TRAJECTORY -> "saved the trajectory (" + bytes(s.done()) + ") to " + s.localPath();
        };
        Duration took = s.elapsed() == null ? Duration.ZERO : s.elapsed();
        String pace = took.toMillis() > 0 ? " (" + rate(s.done() * 1000.0 / took.toMillis()) + ")" : "";
        return what + " in " + Durations.brief(took) + pace;
    }

    /** What the transfer does, for its route line and the status line. */
    public static String verb(Transfer.Kind kind) {
        return switch (kind) {
            case DOWNLOAD -> "downloading";
            case UPLOAD -> "uploading";
            case TRAJECTORY -> "downloading the trajectory";
        };
    }
}
