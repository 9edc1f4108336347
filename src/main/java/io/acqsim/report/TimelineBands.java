package io.acqsim.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.acqsim.calendar.CalendarDay;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.fault.Fault;

/**
 * The bands behind a payout timeline over the dates {@code from..to} (inclusive) of a zone: weekends,
 * holidays and make-up working days of the business calendar (adjacent days of one kind and name
 * merged), holiday freezes, and the windows of the faults — a bank outage behind its bank's rows, a
 * fault naming a merchant behind that merchant's row, a fault naming a bank behind that bank's rows,
 * any other behind every row. A window with an open end is cut at the range's edge; holiday-freeze
 * faults are drawn from the calendar's freezes, not twice.
 */
public final class TimelineBands {
    private TimelineBands() {
    }

    /** The bands of the host's own calendar and faults. */
    public static List<Band> of(SettlementCalendar calendar, List<Fault> faults, LocalDate from, LocalDate to, ZoneId zone) {
        return of(calendar.calendar().days(from, to), calendar.freezes(), faults, from, to, zone);
    }

    /** The bands of calendar days, freezes and faults as the admin API lists them. */
    public static List<Band> of(List<CalendarDay> days, List<HolidayFreeze> freezes, List<Fault> faults, LocalDate from, LocalDate to,
                                ZoneId zone) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<Band> out = new ArrayList<>();
        calendarDays(days, from, to, zone, out);
        for (HolidayFreeze f : freezes) {
            clip(Band.everywhere(Band.Kind.FREEZE, f.from().atStartOfDay(zone).toInstant(), f.to().plusDays(1).atStartOfDay(zone).toInstant(),
                    f.name(), f.id()), start, end, out);
        }
        for (Fault f : faults) {
            if (f.type().equals("holiday-freeze")) continue;
            Instant a = f.window().from() == null ? start : f.window().from();
            Instant b = f.window().to() == null ? end : f.window().to();
            if (!b.isAfter(a)) continue;
            String bank = text(f.spec().get("bank"));
            String merchant = text(f.spec().get("merchant"));
            Band.Kind kind = f.type().equals("bank-outage") ? Band.Kind.OUTAGE : Band.Kind.FAULT;
            clip(new Band(kind, a, b, label(f, bank, merchant), f.id(), merchant == null ? bank : null, merchant), start, end, out);
        }
        return List.copyOf(out);
    }

    private static void calendarDays(List<CalendarDay> days, LocalDate from, LocalDate to, ZoneId zone, List<Band> out) {
        Band.Kind runKind = null;
        String runLabel = null;
        LocalDate runFrom = null;
        LocalDate last = null;
        for (CalendarDay d : days) {
            if (d.date().isBefore(from) || d.date().isAfter(to)) continue;
            Band.Kind kind = switch (d.kind()) {
                case WEEKEND -> Band.Kind.WEEKEND;
                case HOLIDAY -> Band.Kind.HOLIDAY;
                case MAKEUP_WORKDAY -> Band.Kind.MAKEUP;
                case WORKDAY -> null;
            };
            String label = switch (d.kind()) {
                case WEEKEND -> "weekend";
                case MAKEUP_WORKDAY -> "make-up working day" + (d.holiday() == null ? "" : " for " + d.holiday());
                default -> d.holiday();
            };
            boolean continues = kind != null && kind == runKind && Objects.equals(label, runLabel) && last != null && last.plusDays(1).equals(d.date());
            if (!continues) {
                if (runKind != null) out.add(day(runKind, runFrom, last, runLabel, zone));
                runKind = kind;
                runLabel = label;
                runFrom = d.date();
            }
            last = d.date();
        }
        if (runKind != null) out.add(day(runKind, runFrom, last, runLabel, zone));
    }

    private static Band day(Band.Kind kind, LocalDate first, LocalDate last, String label, ZoneId zone) {
        return Band.everywhere(kind, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(), label, null);
    }

    private static void clip(Band b, Instant start, Instant end, List<Band> out) {
        Instant a = b.from().isBefore(start) ? start : b.from();
        Instant z = b.to().isAfter(end) ? end : b.to();
        if (z.isAfter(a)) out.add(new Band(b.kind(), a, z, b.label(), b.faultId(), b.bank(), b.merchantId()));
    }

    private static String label(Fault f, String bank, String merchant) {
        String detail = text(f.spec().get("detail"));
        StringBuilder s = new StringBuilder(f.type());
        if (bank != null) s.append(' ').append(bank);
        if (merchant != null) s.append(' ').append(merchant);
        if (detail != null) s.append(": ").append(detail);
        return s.toString();
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
