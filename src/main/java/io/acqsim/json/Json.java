package io.acqsim.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one ObjectMapper of the admin API (server, client and anyone writing JSON for it), so every
 * endpoint speaks the same dialect:
 * <ul>
 *   <li>java.time as ISO-8601 text: OffsetDateTime {@code "2026-10-08T10:00:00+08:00"} (the offset
 *       is kept when reading, not shifted to UTC), Duration {@code "PT168H"}, LocalDate {@code "2026-10-08"};</li>
 *   <li>strict input: unknown properties and trailing content after the value are errors;</li>
 *   <li>records are read through their canonical constructor, so a compact constructor validates.</li>
 * </ul>
 * The mapper is shared: configure nothing on it; derive a reader or writer when you need a variant.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
