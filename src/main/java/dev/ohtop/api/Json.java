package dev.ohtop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON configuration of both clients: snake_case names, unknown fields ignored,
 * missing fields null, nulls left out of request bodies, and timestamps parsed leniently. Answers
 * are read into trees by {@link JsonTree}, which needs no mapper.
 */
public final class Json {
    private Json() {}

    /** Thread-safe once built; shared. Immutable configuration, so not global mutable state. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonTree.factory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .addModule(new SimpleModule("ohtop-time")
                    .addDeserializer(Instant.class, new LenientInstant())
                    .addSerializer(Instant.class, ToStringSerializer.instance))
            .build();

    /** Reads an ISO-8601 time with or without offset; anything unreadable becomes null, not a failure. */
    static final class LenientInstant extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Timestamps.parse(p.getValueAsString());
        }
    }
}
