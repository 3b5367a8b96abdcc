package dev.ohtop.api.events;

import java.util.List;

/** A user or agent message: its role, its text items joined, and any image URLs. */
public record MessageEvent(EventInfo info, String role, String text, List<String> imageUrls) implements Event {
    @Override
    public String summary() {
        String images = imageUrls.isEmpty() ? "" : " [" + imageUrls.size() + " image(s)]";
        return (role == null ? "" : role + ": ") + text + images;
    }
}
