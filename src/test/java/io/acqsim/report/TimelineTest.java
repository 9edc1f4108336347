package io.acqsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.HolidayFreeze;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.fault.Fault;
import io.acqsim.fault.Window;

/**
 * The payout timeline's SVG, parsed as XML: two weeks around National Day 2026 on the shipped cn
 * calendar with a holiday freeze, a bank outage, an account freeze and a terminal-link fault behind
 * four merchants' payouts. Checks the markup contract of {@link Timeline}'s class comment.
 */
class TimelineTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate MON_2026_09_28 = LocalDate.of(2026, 9, 28);
    static final LocalDate SUN_2026_10_11 = LocalDate.of(2026, 10, 11);
    static final OffsetDateTime NOW = at("2026-10-11T12:00");

    static final PayoutView HOLIDAY_LATE = payout("PO-20260930-M00000000000001", "M00000000000001", "PSBC", "2026-09-30", "2026-10-01T10:00",
            "2026-10-08T10:00", "PAID", reason("HOLIDAY", "2026-10-01T10:00", "2026-10-08T10:00", "National Day", null));
    static final PayoutView OUTAGE_LATE = payout("PO-20261007-M00000000000001", "M00000000000001", "PSBC", "2026-10-07", "2026-10-08T10:00",
            "2026-10-08T15:30", "PAID", reason("BANK_OUTAGE", "2026-10-08T10:00", "2026-10-08T15:30", "PSBC core system upgrade", "F-1"));
    static final PayoutView FROZEN_UNPAID = payout("PO-20261008-M00000000000003", "M00000000000003", "ICBC", "2026-10-08", "2026-10-09T10:00",
            null, "HELD", reason("ACCOUNT_FROZEN", "2026-10-09T10:00", null, "account frozen", "F-3"));
    static final PayoutView ON_TIME = payout("PO-20260928-M00000000000002", "M00000000000002", "ICBC", "2026-09-28", "2026-09-29T10:00",
            "2026-09-29T10:00", "PAID");

    @Test
    void barsAreSplitByReasonInTheLegendsColoursWithBandsAndFootnotes() throws Exception {
        Timeline.Picture picture = Timeline.render(new Timeline.Input(MON_2026_09_28, SUN_2026_10_11, SHANGHAI, NOW,
                List.of(HOLIDAY_LATE, OUTAGE_LATE, FROZEN_UNPAID, ON_TIME), bands()));
        Document svg = parse(picture.svg());
        assertEquals("payout-timeline", svg.getDocumentElement().getAttribute("id"));
        assertEquals("svg", svg.getDocumentElement().getLocalName());

        // one interval per reason, coloured as the legend says, a distinct colour per code
        List<Element> reasons = byClass(svg, "reason");
        assertEquals(3, reasons.size(), picture.svg());
        Map<String, String> legend = new HashMap<>();
        Element legendGroup = byId(svg, "timeline-legend");
        for (Element swatch : byClass(legendGroup, "swatch")) {
            for (String c : swatch.getAttribute("class").split(" ")) {
                if (c.startsWith("reason-")) legend.put(c.substring("reason-".length()), swatch.getAttribute("fill"));
            }
        }
        assertEquals(Set.of("HOLIDAY", "BANK_OUTAGE", "ACCOUNT_FROZEN"), legend.keySet(), "the legend names exactly the codes drawn");
        assertEquals(3, new HashSet<>(legend.values()).size(), "one colour per code: " + legend);
        for (Element r : reasons) {
            String code = codeOf(r);
            assertEquals(legend.get(code), r.getAttribute("fill"), "interval of " + r.getAttribute("data-payout") + " in its code's colour");
            assertTrue(legendGroup.getTextContent().contains(code), "the legend names " + code);
        }
        Element holiday = only(reasons, "data-payout", HOLIDAY_LATE.id());
        assertEquals("HOLIDAY", codeOf(holiday));
        double perDay = dayWidth(svg);
        assertEquals(7 * perDay, number(holiday, "width"), 0.3, "the HOLIDAY interval spans the seven days from promise to payment");
        Element outage = only(reasons, "data-payout", OUTAGE_LATE.id());
        assertEquals(5.5 / 24 * perDay, number(outage, "width"), 0.3, "10:00 to 15:30");
        Element frozen = only(reasons, "data-payout", FROZEN_UNPAID.id());
        assertEquals(2 * perDay + 2.0 / 24 * perDay, number(frozen, "width"), 0.3, "an open reason runs to now");

        // hover text on each bar: id, amounts, reasons, fault ids
        Element frozenBar = only(byClass(svg, "payout"), "data-payout", FROZEN_UNPAID.id());
        String hover = firstChild(frozenBar, "title").getTextContent();
        assertTrue(hover.contains(FROZEN_UNPAID.id()) && hover.contains("net 990.00") && hover.contains("ACCOUNT_FROZEN")
                && hover.contains("F-3") && hover.contains("late 2d2h so far"), hover);

        // the on-time payout is a tick, not a bar
        Element tick = only(byClass(svg, "on-time"), "data-payout", ON_TIME.id());
        assertEquals("line", tick.getLocalName());
        assertNotNull(firstChild(tick, "title"));
        assertTrue(byClass(svg, "reason").stream().noneMatch(r -> r.getAttribute("data-payout").equals(ON_TIME.id())));

        // bands behind: the calendar's days, the freeze and the faults with their ids
        List<Element> bands = byClass(svg, "band");
        assertTrue(hasBand(bands, "band-holiday", null) && titleOf(bands, "band-holiday").contains("National Day"), picture.svg());
        assertTrue(hasBand(bands, "band-weekend", null), "Sunday 11 October");
        assertTrue(hasBand(bands, "band-makeup", null), "Saturday 10 October is worked for National Day");
        assertTrue(hasBand(bands, "band-freeze", "F-2"));
        assertTrue(hasBand(bands, "band-outage", "F-1"));
        assertTrue(hasBand(bands, "band-fault", "F-3"), "the account freeze, behind merchant 3's row");
        assertTrue(hasBand(bands, "band-fault", "F-4"), "the terminal-link fault, behind every row");
        Set<String> labels = new HashSet<>();
        for (Element t : byClass(svg, "band-label")) labels.add(t.getTextContent());
        assertTrue(labels.containsAll(Set.of("F-1", "F-2", "F-3", "F-4")), "fault ids are written on their bands: " + labels);

        // a footnote per delayed bar, numbered in drawing order, saying what the hover says
        assertEquals(3, picture.notes().size());
        Set<String> noted = new HashSet<>();
        for (int i = 0; i < picture.notes().size(); i++) {
            Timeline.Note n = picture.notes().get(i);
            assertEquals(i + 1, n.number());
            assertTrue(n.text().startsWith(n.payoutId()) && !n.text().contains("\n"), n.text());
            noted.add(n.payoutId());
        }
        assertEquals(Set.of(HOLIDAY_LATE.id(), OUTAGE_LATE.id(), FROZEN_UNPAID.id()), noted);
        assertTrue(byClass(svg, "more").isEmpty(), "every merchant fits");
    }

    @Test
    void merchantsBeyondTheLimitAreSummedUpInOneRow() throws Exception {
        List<PayoutView> payouts = new ArrayList<>();
        for (int m = 1; m <= 5; m++) {
            String mid = String.format("M%014d", m);
            payouts.add(payout("PO-20260928-" + mid, mid, "PSBC", "2026-09-28", "2026-09-29T10:00", "2026-09-29T10:00", "PAID"));
        }
        payouts.add(payout("PO-20260930-M00000000000004", "M00000000000004", "PSBC", "2026-09-30", "2026-10-01T10:00", "2026-10-08T10:00", "PAID",
                reason("HOLIDAY", "2026-10-01T10:00", "2026-10-08T10:00", "National Day", null)));
        Timeline.Picture picture = Timeline.render(new Timeline.Input(MON_2026_09_28, SUN_2026_10_11, SHANGHAI, NOW, payouts, List.of())
                .withMaxMerchants(2));
        Document svg = parse(picture.svg());
        List<Element> more = byClass(svg, "more");
        assertEquals(1, more.size());
        assertEquals("+3 more merchants: 3 payouts, 0 delayed", more.getFirst().getTextContent());
        Set<String> drawn = new HashSet<>();
        for (Element e : byClass(svg, "merchant")) drawn.add(e.getTextContent().split(" ")[0]);
        assertEquals(Set.of("M00000000000001", "M00000000000004"), drawn, "the merchant with a delay comes first, then by id");
        assertEquals(2, byClass(svg, "on-time").size());
        assertEquals(1, byClass(svg, "reason").size());
    }

    @Test
    void anEmptyRangeStillDrawsAValidPicture() throws Exception {
        Timeline.Picture picture = Timeline.render(new Timeline.Input(MON_2026_09_28, MON_2026_09_28, SHANGHAI, NOW, List.of(), List.of()));
        Document svg = parse(picture.svg());
        assertEquals(1, byClass(svg, "empty").size());
        assertTrue(picture.notes().isEmpty());
        assertNotNull(byId(svg, "timeline-legend"));
    }

    @Test
    void overlappingPayoutsOfOneMerchantTakeSeparateLanes() throws Exception {
        PayoutView fri = payout("PO-20261009-M00000000000001", "M00000000000001", "PSBC", "2026-10-09", "2026-10-10T10:00", "2026-10-12T10:00", "PAID",
                reason("WEEKEND", "2026-10-10T10:00", "2026-10-12T10:00", "Saturday", null));
        PayoutView sat = payout("PO-20261010-M00000000000001", "M00000000000001", "PSBC", "2026-10-10", "2026-10-11T10:00", "2026-10-12T10:00", "PAID",
                reason("WEEKEND", "2026-10-11T10:00", "2026-10-12T10:00", "Sunday", null));
        Document svg = parse(Timeline.render(new Timeline.Input(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 12), SHANGHAI, at("2026-10-13T00:00"),
                List.of(fri, sat), List.of())).svg());
        List<Element> reasons = byClass(svg, "reason");
        assertEquals(2, reasons.size());
        assertFalse(reasons.get(0).getAttribute("y").equals(reasons.get(1).getAttribute("y")), "bars overlapping in time do not cover each other");
    }

    // ---- fixtures ----------------------------------------------------------------------------------

    static List<Band> bands() {
        SettlementCalendar cal = new SettlementCalendar(Calendars.load(Path.of(System.getProperty("acqsim.home", ".")).resolve("cfg/calendars")).get("cn"),
                List.of(new HolidayFreeze("F-2", "Golden Week freeze", LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9))));
        List<Fault> faults = List.of(
                new Fault("F-1", "bank-outage", new Window(at("2026-10-08T08:00").toInstant(), at("2026-10-08T15:30").toInstant()),
                        Map.of("bank", "PSBC", "detail", "core system upgrade"), "demo"),
                new Fault("F-3", "account-frozen", new Window(at("2026-10-05T00:00").toInstant(), at("2026-10-12T00:00").toInstant()),
                        Map.of("merchant", "M00000000000003"), "demo"),
                new Fault("F-4", "network", new Window(at("2026-10-09T09:00").toInstant(), at("2026-10-09T10:00").toInstant()),
                        Map.of("link", "terminal", "action", "drop-response"), "demo"),
                new Fault("F-2", "holiday-freeze", Window.ALWAYS, Map.of("name", "Golden Week freeze"), "demo"));
        return TimelineBands.of(cal, faults, MON_2026_09_28, SUN_2026_10_11, SHANGHAI);
    }

    static OffsetDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toOffsetDateTime();
    }

    static PayoutView.Reason reason(String code, String from, String to, String detail, String faultId) {
        return new PayoutView.Reason(code, at(from), to == null ? null : at(to), detail, faultId);
    }

    static PayoutView payout(String id, String mid, String bank, String businessDate, String promised, String paid, String status,
                             PayoutView.Reason... reasons) {
        OffsetDateTime p = at(promised);
        OffsetDateTime q = paid == null ? null : at(paid);
        return new PayoutView(id, mid, bank, LocalDate.parse(businessDate), "T1", 3, 1_000_00, 10_00, 990_00, "156", p, p, q, status,
                q == null ? null : Duration.between(p, q), List.of(reasons), null);
    }

    // ---- reading the SVG -----------------------------------------------------------------------------

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<Element> byClass(Node root, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = root instanceof Document d ? d.getElementsByTagNameNS("*", "*") : ((Element) root).getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) out.add(e);
        }
        return out;
    }

    static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("id").equals(id)) return e;
        }
        throw new AssertionError("no element with id " + id);
    }

    static Element only(List<Element> es, String attribute, String value) {
        List<Element> found = es.stream().filter(e -> e.getAttribute(attribute).equals(value)).toList();
        assertEquals(1, found.size(), attribute + "=" + value);
        return found.getFirst();
    }

    static Element firstChild(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) return c.getLocalName().equals(name) ? c : null;
        }
        return null;
    }

    static String codeOf(Element reason) {
        for (String c : reason.getAttribute("class").split(" ")) if (c.startsWith("reason-")) return c.substring("reason-".length());
        throw new AssertionError("no reason-CODE class: " + reason.getAttribute("class"));
    }

    static boolean hasBand(List<Element> bands, String kind, String faultId) {
        return bands.stream().anyMatch(b -> List.of(b.getAttribute("class").split(" ")).contains(kind)
                && (faultId == null || b.getAttribute("data-fault").equals(faultId)));
    }

    static String titleOf(List<Element> bands, String kind) {
        return bands.stream().filter(b -> List.of(b.getAttribute("class").split(" ")).contains(kind))
                .map(b -> firstChild(b, "title").getTextContent()).findFirst().orElse("");
    }

    static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The width of one day: the axis's day lines (one per midnight, no hour lines at this scale) evenly apart. */
    static double dayWidth(Document svg) {
        Element axis = byClass(svg, "axis").getFirst();
        NodeList lines = axis.getElementsByTagNameNS("*", "line");
        int n = lines.getLength();
        return (number((Element) lines.item(n - 1), "x1") - number((Element) lines.item(0), "x1")) / (n - 1);
    }
}
