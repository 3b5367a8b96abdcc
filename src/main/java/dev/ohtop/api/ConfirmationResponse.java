package dev.ohtop.api;

/**
 * The body of {@code POST /api/conversations/{id}/events/respond_to_confirmation}: accept runs
 * the pending action(s); a rejection answers each with a {@code UserRejectObservation} carrying
 * {@code reason} (null: left out, and the server writes its own "User rejected the action.").
 */
public record ConfirmationResponse(boolean accept, String reason) {
    public static ConfirmationResponse approve() {
        return new ConfirmationResponse(true, null);
    }

    /** @param reason why, or null or blank for none */
    public static ConfirmationResponse reject(String reason) {
        return new ConfirmationResponse(false, reason == null || reason.isBlank() ? null : reason);
    }
}
