package io.acqsim.cli;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.admin.AdminClient;
import io.acqsim.calendar.CalendarDay;
import io.acqsim.calendar.DayKind;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.fault.Fault;
import io.acqsim.fault.Window;
import io.acqsim.json.Json;
import io.acqsim.report.Band;
import io.acqsim.report.TimelineBands;

/**
 * The payout timeline's bands of a running host, read through its admin API ({@code GET /api/calendar}
 * and {@code GET /api/faults}) and turned into bands by the same code the host uses
 * ({@link TimelineBands}).
 */
final class RemoteBands {
    private RemoteBands() {
    }

    static List<Band> of(AdminClient client, LocalDate from, LocalDate to, ZoneId zone) {
        JsonNode cal = client.get("/api/calendar?from=" + from + "&to=" + to);
        List<CalendarDay> days = new ArrayList<>();
        for (JsonNode d : cal.path("days")) {
            days.add(new CalendarDay(LocalDate.parse(d.path("date").asText()), DayKind.valueOf(d.path("kind").asText()),
                    d.path("holiday").isTextual() ? d.path("holiday").asText() : null));
        }
        List<HolidayFreeze> freezes = new ArrayList<>();
        for (JsonNode f : cal.path("freezes")) {
            freezes.add(new HolidayFreeze(f.path("id").asText(), f.path("name").asText(), LocalDate.parse(f.path("from").asText()),
                    LocalDate.parse(f.path("to").asText())));
        }
        List<Fault> faults = new ArrayList<>();
        for (JsonNode f : client.get("/api/faults")) {
            Map<String, Object> spec = Json.mapper().convertValue(f.path("spec"), new TypeReference<Map<String, Object>>() { });
            faults.add(new Fault(f.path("id").asText(), f.path("type").asText(), new Window(instant(f.path("from")), instant(f.path("to"))),
                    spec == null ? Map.of() : spec, f.path("scenario").isTextual() ? f.path("scenario").asText() : null));
        }
        return TimelineBands.of(days, freezes, faults, from, to, zone);
    }

    private static java.time.Instant instant(JsonNode n) {
        return n.isTextual() ? OffsetDateTime.parse(n.asText()).toInstant() : null;
    }
}
