package dev.ohtop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A conversation's trajectory as Cloud zips it: {@code meta.json}, then {@code event_{NNNNNN}_{eventId}.json} per event. */
final class TrajectoryZip {
    private TrajectoryZip() {}

    static void write(OutputStream out, JsonNode meta, List<ConversationEvents.Stored> events) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "meta.json", meta);
            for (int i = 0; i < events.size(); i++) {
                ConversationEvents.Stored event = events.get(i);
                entry(zip, String.format("event_%06d_%s.json", i, event.id()), event.json());
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, JsonNode json) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Json.bytes(json));
        zip.closeEntry();
    }
}
