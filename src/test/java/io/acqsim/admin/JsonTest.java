package io.acqsim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.acqsim.json.Json;

/** The shared mapper's dialect, and the BAD_JSON messages {@link AdminRequest#json} gives. */
class JsonTest {
    private static final OffsetDateTime THU_2026_10_08_10H_CST = OffsetDateTime.parse("2026-10-08T10:00:00+08:00");

    enum Status { PENDING, PAID }

    record Schedule(OffsetDateTime at, Duration delay, LocalDate businessDate) {}

    record Filter(Status status, int limit) {}

    record Amount(long minor) {
        Amount {
            if (minor <= 0) throw new IllegalArgumentException("amount must be positive, got " + minor);
        }
    }

    record Clock(OffsetDateTime to) {
        Clock {
            if (to == null) throw new ApiException(ApiError.BAD_REQUEST, "'to' is required");
        }
    }

    @Test
    void javaTimeIsIsoText() throws Exception {
        Schedule s = new Schedule(THU_2026_10_08_10H_CST, Duration.ofDays(7), LocalDate.of(2026, 10, 8));
        String json = Json.mapper().writeValueAsString(s);
        assertEquals("{\"at\":\"2026-10-08T10:00:00+08:00\",\"delay\":\"PT168H\",\"businessDate\":\"2026-10-08\"}", json);
        assertEquals(s, Json.mapper().readValue(json, Schedule.class), "the offset survives a round trip");
    }

    @Test
    void aRecordIsReadThroughItsConstructor() {
        assertEquals(new Filter(Status.PAID, 5), request("{\"status\":\"PAID\",\"limit\":5}").json(Filter.class));
    }

    @Test
    void unknownPropertyNamesItAndTheKnownOnes() {
        assertEquals("unknown property 'colour' (known: limit, status) at line 1, column 33",
                badJson("{\"status\":\"PAID\",\"colour\":\"red\"}", Filter.class));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        String m = badJson("{\"status\":\"PAID\",\"limit\":\"ten\"}", Filter.class);
        assertTrue(m.startsWith("field 'limit': \"ten\" is not a valid int"), m);
    }

    @Test
    void aBadEnumListsTheChoices() {
        String m = badJson("{\"status\":\"LOST\"}", Filter.class);
        assertTrue(m.startsWith("field 'status': \"LOST\" is not a valid Status (one of: PENDING, PAID)"), m);
    }

    @Test
    void aBadDurationNamesTheField() {
        String m = badJson("{\"delay\":\"36 hours\"}", Schedule.class);
        assertTrue(m.startsWith("field 'delay': \"36 hours\" is not a valid Duration"), m);
    }

    @Test
    void anObjectWhereANumberBelongsNamesTheField() {
        String m = badJson("{\"limit\":{\"a\":1}}", Filter.class);
        assertTrue(m.startsWith("field 'limit': "), m);
        assertFalse(m.contains("java.lang"), m);
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String m = badJson("{\"status\":\"PAID\",\n\"limit\": 5 5}", Filter.class);
        assertTrue(m.startsWith("malformed JSON: "), m);
        assertTrue(m.endsWith("at line 2, column 12"), m);
    }

    @Test
    void trailingContentIsRefused() {
        String m = badJson("{\"limit\":1} {\"limit\":2}", Filter.class);
        assertTrue(m.contains("line 1"), m);
    }

    @Test
    void emptyAndNullBodiesAreRefused() {
        assertEquals("the request body is empty; expected a JSON Filter", badJson("  \n", Filter.class));
        assertEquals("the request body is null; expected a JSON Filter", badJson("null", Filter.class));
    }

    @Test
    void aConstructorsObjectionIsTheMessage() {
        String m = badJson("{\"minor\":-5}", Amount.class);
        assertTrue(m.startsWith("invalid Amount: amount must be positive, got -5"), m);
    }

    @Test
    void anApiExceptionFromAConstructorPassesThrough() {
        ApiException e = assertThrows(ApiException.class, () -> request("{}").json(Clock.class));
        assertEquals(ApiError.BAD_REQUEST, e.error());
        assertEquals("'to' is required", e.getMessage());
    }

    @Test
    void aNonJsonContentTypeIs415() {
        AdminRequest r = AdminRequest.of("POST", "/x", Map.of("content-type", List.of("application/yaml")),
                "{}".getBytes(StandardCharsets.UTF_8));
        ApiException e = assertThrows(ApiException.class, () -> r.json(Filter.class));
        assertEquals(ApiError.UNSUPPORTED_MEDIA_TYPE, e.error());
        assertEquals(415, e.status());
    }

    @Test
    void jsonContentTypeWithCharsetIsAccepted() {
        AdminRequest r = AdminRequest.of("POST", "/x", Map.of("Content-Type", List.of("application/json; charset=UTF-8")),
                "{\"limit\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, r.json(Filter.class).limit());
    }

    private static AdminRequest request(String body) {
        return AdminRequest.of("POST", "/x", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String badJson(String body, Class<?> type) {
        ApiException e = assertThrows(ApiException.class, () -> request(body).json(type));
        assertEquals(ApiError.BAD_JSON, e.error(), e.getMessage());
        return e.getMessage();
    }
}
