package dev.ohtop.api;

/**
 * Hears how far a streamed upload or download has got, and may ask it to stop. Called on
 * the transferring thread after every buffer, so it must be cheap.
 */
public interface TransferListener {
    TransferListener NONE = (done, total) -> {};

    /** @param total the full size in bytes, or -1 when the server did not say */
    void progress(long done, long total);

    /** Polled between buffers; true makes the transfer stop with a CANCELLED failure. */
    default boolean cancelled() {
        return false;
    }
}
