package dev.ohtop.presentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ohtop.monitor.Transfer;
import dev.ohtop.monitor.TransferSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferTextTest {
    private static final long MIB = 1024 * 1024;

    private static TransferSnapshot download(
            Transfer.State state, long done, long total, double rate, Duration eta, Duration elapsed) {
        return new TransferSnapshot(
                Transfer.Kind.DOWNLOAD,
                "/workspace/project/x.bin",
                Path.of("/home/me/x.bin"),
                state,
                done,
                total,
                rate,
                eta,
                elapsed,
                null,
                null);
    }

    @Test
    void theFiguresGiveTheSizesThenTheRateAndTimeLeftOnceKnown() {
        assertEquals(
                "8.0 MiB / 20.0 MiB  4.0 MiB/s  ETA 3.0s",
                TransferText.figures(
                        download(Transfer.State.RUNNING, 8 * MIB, 20 * MIB, 4 * MIB, Duration.ofSeconds(3), null)));
        assertEquals("512 B so far", TransferText.figures(download(Transfer.State.RUNNING, 512, -1, 0, null, null)));
    }

    @Test
    void aFinishedTransferSaysWhatWentWhereAndHowFast() {
        assertEquals(
                "downloaded 20.0 MiB to /home/me/x.bin in 2.0s (10.0 MiB/s)",
                TransferText.finished(
                        download(Transfer.State.DONE, 20 * MIB, 20 * MIB, 0, null, Duration.ofSeconds(2))));
        assertEquals(
                "downloaded 0 B to /home/me/x.bin in 0.0s",
                TransferText.finished(download(Transfer.State.DONE, 0, 0, 0, null, null)));
    }

    @Test
    void eachKindHasItsVerb() {
        assertEquals("uploading", TransferText.verb(Transfer.Kind.UPLOAD));
        assertEquals("downloading the trajectory", TransferText.verb(Transfer.Kind.TRAJECTORY));
    }
}
