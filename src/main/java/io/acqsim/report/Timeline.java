package io.acqsim.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.acqsim.money.Amounts;
import io.acqsim.payout.ReasonCode;

/**
 * The payout timeline: one server-rendered SVG picture (no script; prints as it shows) of the payouts
 * of a date range. A row per merchant, grouped by bank; time runs across, day by day in the simulated
 * calendar's zone (hours too when a day is wide enough). A delayed payout is a bar from its promise to
 * its payment (to {@code now} while unpaid), split into its delay reasons' intervals, one colour per
 * reason code; a payout paid on time is a tick at its payment. Payouts of one merchant that overlap in
 * time take separate lanes of its row. Behind the bars, shaded bands ({@link Band}): weekends,
 * holidays, make-up working days, holiday freezes, bank outages and other fault windows, the latter
 * labelled with their ids. Every bar and tick has a {@code <title>} (shown on hover) with the payout
 * id, amounts, reasons and fault ids; every delayed bar is numbered, and {@link Picture#notes} says the
 * same per number for a footnote list under the picture (for print; the number is drawn on the bar
 * where it fits). At most {@link Input#maxMerchants} merchants are drawn, those with the most delayed
 * payouts first; the others are summed up in one last row ("+N more merchants: x payouts, y delayed").
 *
 * <p>Markup contract, which browser tests and the dashboard may rely on:
 * <ul>
 * <li>the root is {@code <svg id="payout-timeline" xmlns="http://www.w3.org/2000/svg">};</li>
 * <li>each reason interval is {@code <rect class="reason reason-CODE" data-payout="PAYOUT_ID" fill="COLOUR">},
 *     inside a {@code <g class="payout delayed" data-payout="PAYOUT_ID">} whose first child is its {@code <title>};</li>
 * <li>an on-time payout is {@code <line class="on-time" data-payout="PAYOUT_ID">} (one not yet due:
 *     {@code class="pending"}), with a {@code <title>} child, inside its row's {@code <g class="ticks">}
 *     (which carries the stroke);</li>
 * <li>a band is {@code <rect class="band band-KIND">} (KIND: weekend, holiday, makeup, freeze, outage,
 *     fault) with {@code data-fault="ID"} where a fault or freeze is behind it, and a {@code <title>};</li>
 * <li>the legend is {@code <g id="timeline-legend">}; each of its reason swatches is
 *     {@code <rect class="swatch reason-CODE" fill="COLOUR">}, the colour of that code's intervals, and
 *     each band swatch {@code <rect class="swatch band-KIND">} (no swatch has the class {@code reason},
 *     {@code band}, {@code on-time} or {@code pending} itself, so those select only what is drawn);</li>
 * <li>the summary row of merchants not drawn is {@code <text class="more">}.</li>
 * </ul>
 */
public final class Timeline {
    /** Merchants drawn unless the input says otherwise. */
    public static final int DEFAULT_MAX_MERCHANTS = 40;

    private static final int WIDTH = 1200;
    private static final int LABEL_W = 170;
    private static final int PLOT_X = LABEL_W;
    private static final int PLOT_W = WIDTH - LABEL_W - 10;
    private static final int AXIS_H = 32;
    private static final int BANK_H = 16;
    private static final int LANE_H = 8;
    private static final int ROW_PAD = 4;
    private static final int MORE_H = 20;
    private static final double CHAR_W = 6;
    /** Wide enough for upper-case codes in the legend's 10 px sans-serif. */
    private static final double LEGEND_CHAR_W = 7.2;

    private static final Map<ReasonCode, String> REASON_COLOURS = reasonColours();
    private static final String OTHER_REASON_COLOUR = "#555555";
    private static final Map<Band.Kind, String> BAND_COLOURS = bandColours();
    private static final String ON_TIME_COLOUR = "#2e7d32";
    private static final String PENDING_COLOUR = "#888888";
    private static final String GAP_COLOUR = "#cccccc";

    private Timeline() {
    }

    /**
     * What the picture shows: the payouts and bands of the dates {@code from..to} (inclusive) in
     * {@code zone}, as of {@code now}. Payouts whose bar or tick lies outside the range are left out;
     * bars crossing its edges are cut there.
     */
    public record Input(LocalDate from, LocalDate to, ZoneId zone, OffsetDateTime now, List<PayoutView> payouts, List<Band> bands,
                        int maxMerchants) {
        public Input {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(now, "now");
            if (to.isBefore(from)) throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
            if (maxMerchants < 1) throw new IllegalArgumentException("maxMerchants must be at least 1, got " + maxMerchants);
            payouts = List.copyOf(payouts);
            bands = List.copyOf(bands);
        }

        public Input(LocalDate from, LocalDate to, ZoneId zone, OffsetDateTime now, List<PayoutView> payouts, List<Band> bands) {
            this(from, to, zone, now, payouts, bands, DEFAULT_MAX_MERCHANTS);
        }

        public Input withMaxMerchants(int n) {
            return new Input(from, to, zone, now, payouts, bands, n);
        }
    }

    /** A date range, both ends included. */
    public record Span(LocalDate from, LocalDate to) {
        /** From the earliest business date or promise to the latest payment (or {@code now} while any is unpaid). */
        public static Span covering(List<PayoutView> payouts, OffsetDateTime now, ZoneId zone) {
            LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
            LocalDate first = null;
            LocalDate last = null;
            for (PayoutView p : payouts) {
                LocalDate a = min(p.businessDate(), p.promisedAt().atZoneSameInstant(zone).toLocalDate());
                LocalDate b = p.paidAt() != null ? p.paidAt().atZoneSameInstant(zone).toLocalDate() : max(today, p.promisedAt().atZoneSameInstant(zone).toLocalDate());
                first = first == null ? a : min(first, a);
                last = last == null ? b : max(last, b);
            }
            if (first == null) return new Span(today, today);
            return new Span(first, max(first, last));
        }
    }

    /** A footnote: the number drawn on a delayed payout's bar and what its hover text says. */
    public record Note(int number, String payoutId, String text) {
    }

    /** The SVG markup and its footnotes, numbered from 1 in drawing order. */
    public record Picture(String svg, List<Note> notes) {
    }

    /** The colour of a reason code's intervals (the legend's), a grey for a code this build does not know. */
    public static String colour(String reasonCode) {
        for (ReasonCode c : ReasonCode.values()) if (c.name().equals(reasonCode)) return REASON_COLOURS.get(c);
        return OTHER_REASON_COLOUR;
    }

    public static Picture render(Input in) {
        return new Drawing(in).draw();
    }

    /** One rendering; holds the scale and the output while it is drawn. */
    private static final class Drawing {
        private final Input in;
        private final Instant start;
        private final Instant end;
        private final double seconds;
        private final Instant now;
        private final StringBuilder svg = new StringBuilder(64 * 1024);
        private final List<Note> notes = new ArrayList<>();
        private final Set<String> codesDrawn = new LinkedHashSet<>();
        private final Labels labels = new Labels();
        private boolean onTimeDrawn;
        private boolean pendingDrawn;

        Drawing(Input in) {
            this.in = in;
            this.start = in.from().atStartOfDay(in.zone()).toInstant();
            this.end = in.to().plusDays(1).atStartOfDay(in.zone()).toInstant();
            this.seconds = Duration.between(start, end).toSeconds();
            this.now = in.now().toInstant();
        }

        Picture draw() {
            Map<String, List<PayoutView>> byMerchant = new TreeMap<>();
            for (PayoutView p : in.payouts()) if (visible(p)) byMerchant.computeIfAbsent(p.merchantId(), k -> new ArrayList<>()).add(p);
            Set<String> shown = byMerchant.keySet().stream()
                    .sorted(Comparator.comparingLong((String m) -> -delayedCount(byMerchant.get(m))).thenComparing(m -> m))
                    .limit(in.maxMerchants()).collect(java.util.stream.Collectors.toSet());
            Map<String, List<String>> byBank = new TreeMap<>();
            for (String m : byMerchant.keySet()) {
                if (shown.contains(m)) byBank.computeIfAbsent(byMerchant.get(m).getFirst().bank(), k -> new ArrayList<>()).add(m);
            }

            Map<String, Row> rows = new LinkedHashMap<>();
            Map<String, double[]> bankSpan = new LinkedHashMap<>();
            double y = AXIS_H;
            for (Map.Entry<String, List<String>> bank : byBank.entrySet()) {
                double top = y;
                y += BANK_H;
                for (String m : bank.getValue()) {
                    Row r = new Row(m, y, byMerchant.get(m));
                    rows.put(m, r);
                    y += r.height();
                }
                bankSpan.put(bank.getKey(), new double[] {top, y});
            }
            double rowsBottom = Math.max(y, AXIS_H + BANK_H);
            int moreMerchants = byMerchant.size() - shown.size();
            double legendTop = rowsBottom + (moreMerchants > 0 || byMerchant.isEmpty() ? MORE_H : 0) + 8;

            StringBuilder body = new StringBuilder(64 * 1024);
            bands(body, rows, bankSpan, rowsBottom);
            axis(body, rowsBottom);
            for (Map.Entry<String, List<String>> bank : byBank.entrySet()) {
                double top = bankSpan.get(bank.getKey())[0];
                body.append("<text class=\"bank\" x=\"4\" y=\"").append(num(top + 12)).append("\" font-weight=\"bold\">")
                        .append(esc(bank.getKey())).append("</text>\n");
                for (String m : bank.getValue()) payouts(body, rows.get(m));
            }
            labels.draw(body);
            if (byMerchant.isEmpty()) {
                body.append("<text class=\"empty\" x=\"").append(PLOT_X).append("\" y=\"").append(num(rowsBottom + 14))
                        .append("\">no payouts in this range</text>\n");
            } else if (moreMerchants > 0) {
                more(body, byMerchant, shown, rowsBottom);
            }
            double height = legend(body, legendTop);

            svg.append("<svg id=\"payout-timeline\" xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(num(height))
                    .append("\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\" aria-label=\"Payout timeline ").append(in.from())
                    .append(" to ").append(in.to()).append("\">\n<title>Payouts ").append(in.from()).append(" to ").append(in.to())
                    .append(" (").append(esc(in.zone().getId())).append(")</title>\n");
            svg.append(body).append("</svg>\n");
            return new Picture(svg.toString(), List.copyOf(notes));
        }

        // ---- what is drawn -----------------------------------------------------------------------

        private boolean visible(PayoutView p) {
            Instant a = p.promisedAt().toInstant();
            Instant z = barEnd(p);
            if (p.delayedAt(in.now())) return z.isAfter(start) && a.isBefore(end);
            Instant t = tickAt(p);
            return !t.isBefore(start) && t.isBefore(end);
        }

        private Instant barEnd(PayoutView p) {
            if (p.paidAt() != null) return p.paidAt().toInstant();
            return now.isAfter(p.promisedAt().toInstant()) ? now : p.promisedAt().toInstant();
        }

        /** Where a payout's mark starts: its bar at the promise, its tick at the payment (or the promise, unpaid). */
        private Instant startOf(PayoutView p) {
            return p.delayedAt(in.now()) ? p.promisedAt().toInstant() : tickAt(p);
        }

        private static Instant tickAt(PayoutView p) {
            return (p.paidAt() != null ? p.paidAt() : p.promisedAt()).toInstant();
        }

        private long delayedCount(List<PayoutView> ps) {
            return ps.stream().filter(p -> p.delayedAt(in.now())).count();
        }

        /** A merchant's row: its payouts in lanes, so that bars overlapping in time do not cover each other. */
        private final class Row {
            final String merchant;
            final double top;
            final List<PayoutView> payouts;
            final int[] lane;
            final int lanes;

            Row(String merchant, double top, List<PayoutView> ps) {
                this.merchant = merchant;
                this.top = top;
                this.payouts = ps.stream().sorted(Comparator.comparing((PayoutView p) -> startOf(p)).thenComparing(PayoutView::id)).toList();
                this.lane = new int[payouts.size()];
                List<Double> laneEnds = new ArrayList<>();
                for (int i = 0; i < payouts.size(); i++) {
                    PayoutView p = payouts.get(i);
                    boolean bar = p.delayedAt(in.now());
                    double a = bar ? x(p.promisedAt().toInstant()) : x(tickAt(p)) - 1;
                    double z = Math.max(bar ? x(barEnd(p)) : a + 2, a + 2);
                    int l = 0;
                    while (l < laneEnds.size() && laneEnds.get(l) > a) l++;
                    if (l == laneEnds.size()) laneEnds.add(z);
                    else laneEnds.set(l, z);
                    lane[i] = l;
                }
                this.lanes = Math.max(1, laneEnds.size());
            }

            double height() {
                return lanes * LANE_H + ROW_PAD;
            }

            double laneY(int i) {
                return top + ROW_PAD / 2.0 + lane[i] * LANE_H;
            }
        }

        private void bands(StringBuilder b, Map<String, Row> rows, Map<String, double[]> bankSpan, double rowsBottom) {
            List<Band> ordered = in.bands().stream().sorted(Comparator.comparingInt((Band x) -> x.kind().ordinal())).toList();
            for (Band band : ordered) {
                double top;
                double bottom;
                if (band.merchantId() != null) {
                    Row r = rows.get(band.merchantId());
                    if (r == null) continue;
                    top = r.top;
                    bottom = r.top + r.height();
                } else if (band.bank() != null) {
                    double[] s = bankSpan.get(band.bank());
                    if (s == null) continue;
                    top = s[0];
                    bottom = s[1];
                } else {
                    top = AXIS_H;
                    bottom = rowsBottom;
                }
                double x0 = x(band.from());
                double x1 = x(band.to());
                if (x1 <= x0) continue;
                b.append("<rect class=\"band band-").append(band.kind().cssName()).append('"');
                if (band.faultId() != null) b.append(" data-fault=\"").append(esc(band.faultId())).append('"');
                rect(b, x0, top, x1 - x0, bottom - top);
                b.append(" fill=\"").append(BAND_COLOURS.get(band.kind())).append("\" fill-opacity=\"0.75\"><title>")
                        .append(esc(bandTitle(band))).append("</title></rect>\n");
                String label = band.faultId() != null ? band.faultId() : band.kind() == Band.Kind.HOLIDAY ? band.label() : null;
                if (label != null && (band.faultId() != null || (x1 - x0) >= label.length() * CHAR_W)) labels.add(x0 + 2, top + 9, label);
            }
        }

        private String bandTitle(Band band) {
            StringBuilder t = new StringBuilder(band.label() == null ? band.kind().cssName() : band.label());
            if (band.faultId() != null) t.append(" [").append(band.faultId()).append(']');
            t.append(", ").append(shortTime(band.from())).append(" to ").append(shortTime(band.to()));
            return t.toString();
        }

        private void axis(StringBuilder b, double rowsBottom) {
            long days = in.to().toEpochDay() - in.from().toEpochDay() + 1;
            double perDay = PLOT_W / (double) days;
            boolean everyDay = perDay >= 30;
            boolean hours = perDay >= 120;
            b.append("<g class=\"axis\" stroke=\"#d0d0d0\" stroke-width=\"0.5\">\n");
            for (LocalDate d = in.from(); !d.isAfter(in.to().plusDays(1)); d = d.plusDays(1)) {
                double x = x(d.atStartOfDay(in.zone()).toInstant());
                b.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(AXIS_H - 6)
                        .append("\" y2=\"").append(num(rowsBottom)).append("\"/>\n");
                if (hours && d.isBefore(in.to().plusDays(1))) {
                    for (int h = 6; h < 24; h += 6) {
                        double xh = x(d.atStartOfDay(in.zone()).plusHours(h).toInstant());
                        b.append("<line x1=\"").append(num(xh)).append("\" x2=\"").append(num(xh)).append("\" y1=\"").append(AXIS_H)
                                .append("\" y2=\"").append(num(rowsBottom)).append("\" stroke-dasharray=\"1,3\"/>\n");
                    }
                }
            }
            b.append("</g>\n<g class=\"dates\" fill=\"#333\">\n");
            for (LocalDate d = in.from(); !d.isAfter(in.to()); d = d.plusDays(1)) {
                double x = x(d.atStartOfDay(in.zone()).toInstant());
                if (everyDay) {
                    b.append("<text x=\"").append(num(x + 2)).append("\" y=\"11\">")
                            .append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("</text><text x=\"")
                            .append(num(x + 2)).append("\" y=\"22\">").append(d.toString().substring(5)).append("</text>\n");
                } else if (d.getDayOfWeek().getValue() == 1 || d.equals(in.from())) {
                    b.append("<text x=\"").append(num(x + 2)).append("\" y=\"22\">").append(d.toString().substring(5)).append("</text>\n");
                }
                if (hours) {
                    for (int h = 6; h < 24; h += 6) {
                        double xh = x(d.atStartOfDay(in.zone()).plusHours(h).toInstant());
                        b.append("<text x=\"").append(num(xh + 1)).append("\" y=\"").append(AXIS_H - 1)
                                .append("\" font-size=\"7\" fill=\"#777\">").append(h).append(":00</text>\n");
                    }
                }
            }
            b.append("</g>\n");
        }

        private void payouts(StringBuilder b, Row row) {
            b.append("<text class=\"merchant\" x=\"12\" y=\"").append(num(row.top + Math.min(row.height(), 16) - 5)).append("\">")
                    .append(esc(row.merchant)).append(' ').append(esc(row.payouts.getFirst().product())).append("</text>\n");
            b.append("<line class=\"row\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(num(row.top + row.height()))
                    .append("\" y2=\"").append(num(row.top + row.height())).append("\" stroke=\"#eee\"/>\n");
            boolean ticks = false;
            for (int i = 0; i < row.payouts.size(); i++) {
                PayoutView p = row.payouts.get(i);
                if (p.delayedAt(in.now())) bar(b, p, row.laneY(i));
                else ticks = true;
            }
            if (!ticks) return;
            b.append("<g class=\"ticks\" stroke=\"").append(ON_TIME_COLOUR).append("\" stroke-width=\"1.5\">\n");
            for (int i = 0; i < row.payouts.size(); i++) {
                PayoutView p = row.payouts.get(i);
                if (!p.delayedAt(in.now())) tick(b, p, row.laneY(i));
            }
            b.append("</g>\n");
        }

        private void bar(StringBuilder b, PayoutView p, double y) {
            int number = notes.size() + 1;
            String title = title(p);
            notes.add(new Note(number, p.id(), title.replace("\n", "; ")));
            String id = esc(p.id());
            Instant a = p.promisedAt().toInstant();
            Instant z = barEnd(p);
            double x0 = x(a);
            double x1 = Math.max(x(z), x0 + 1);
            b.append("<g class=\"payout delayed\" data-payout=\"").append(id).append("\"><title>").append(esc(title)).append("</title>");
            if (!covered(p, a, z)) {
                b.append("<rect class=\"bar\"");
                rect(b, x0, y, x1 - x0, LANE_H - 2);
                b.append(" fill=\"").append(GAP_COLOUR).append("\"/>");
            }
            for (PayoutView.Reason r : p.reasons()) {
                Instant rf = r.from().toInstant();
                Instant rt = r.to() == null ? z : r.to().toInstant();
                if (!rt.isAfter(rf) || !rt.isAfter(start) || !rf.isBefore(end)) continue;
                double rx0 = x(rf);
                double rx1 = Math.max(x(rt), rx0 + 0.8);
                codesDrawn.add(r.code());
                b.append("<rect class=\"reason reason-").append(esc(r.code())).append("\" data-payout=\"").append(id).append('"');
                rect(b, rx0, y, rx1 - rx0, LANE_H - 2);
                b.append(" fill=\"").append(colour(r.code())).append("\"/>");
            }
            String n = String.valueOf(number);
            if (x1 - x0 >= n.length() * 4.5 + 2) {
                b.append("<text x=\"").append(num(x0 + 1)).append("\" y=\"").append(num(y + 5.5))
                        .append("\" font-size=\"6\" fill=\"#fff\">").append(n).append("</text>");
            }
            b.append("</g>\n");
        }

        /** Whether the reasons lie end to end from the promise to the bar's end, so no grey shows through. */
        private static boolean covered(PayoutView p, Instant a, Instant z) {
            Instant at = a;
            for (PayoutView.Reason r : p.reasons()) {
                if (!r.from().toInstant().equals(at)) return false;
                if (r.to() == null) return true;
                at = r.to().toInstant();
            }
            return !at.isBefore(z);
        }

        private void tick(StringBuilder b, PayoutView p, double y) {
            boolean paid = p.paidAt() != null;
            if (paid) onTimeDrawn = true;
            else pendingDrawn = true;
            double x = x(tickAt(p));
            b.append("<line class=\"").append(paid ? "on-time" : "pending").append("\" data-payout=\"").append(esc(p.id()))
                    .append("\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(num(y - 1))
                    .append("\" y2=\"").append(num(y + LANE_H - 1)).append('"').append(paid ? "" : " stroke=\"" + PENDING_COLOUR + "\"")
                    .append("><title>").append(esc(title(p))).append("</title></line>\n");
        }

        private void more(StringBuilder b, Map<String, List<PayoutView>> byMerchant, Set<String> shown, double y) {
            int merchants = 0;
            int payouts = 0;
            long delayed = 0;
            for (Map.Entry<String, List<PayoutView>> e : byMerchant.entrySet()) {
                if (shown.contains(e.getKey())) continue;
                merchants++;
                payouts += e.getValue().size();
                delayed += delayedCount(e.getValue());
            }
            b.append("<text class=\"more\" x=\"4\" y=\"").append(num(y + 14)).append("\" font-style=\"italic\">+").append(merchants)
                    .append(" more merchants: ").append(payouts).append(" payouts, ").append(delayed).append(" delayed</text>\n");
        }

        /** Draws the legend from {@code top}; returns the picture's height. */
        private double legend(StringBuilder b, double top) {
            List<String[]> items = new ArrayList<>();   // {css class, colour, text, "line" or "rect"}
            List<String> codes = new ArrayList<>();
            for (ReasonCode c : ReasonCode.values()) if (codesDrawn.contains(c.name())) codes.add(c.name());
            for (String c : codesDrawn) if (!codes.contains(c)) codes.add(c);
            for (String c : codes) items.add(new String[] {"swatch reason-" + c, colour(c), c, "rect"});
            if (onTimeDrawn) items.add(new String[] {"swatch swatch-on-time", ON_TIME_COLOUR, "paid on time", "line"});
            if (pendingDrawn) items.add(new String[] {"swatch swatch-pending", PENDING_COLOUR, "not yet due", "line"});
            Set<Band.Kind> kinds = new java.util.TreeSet<>();
            for (Band band : in.bands()) kinds.add(band.kind());
            for (Band.Kind k : kinds) items.add(new String[] {"swatch band-" + k.cssName(), BAND_COLOURS.get(k), bandName(k), "rect"});

            b.append("<g id=\"timeline-legend\" class=\"legend\">\n");
            double x = 4;
            double y = top;
            for (String[] item : items) {
                double w = 16 + item[2].length() * LEGEND_CHAR_W + 14;
                if (x + w > WIDTH) {
                    x = 4;
                    y += 16;
                }
                b.append("<g class=\"legend-item\">");
                if (item[3].equals("line")) {
                    b.append("<line class=\"").append(item[0]).append("\" x1=\"").append(num(x + 5)).append("\" x2=\"").append(num(x + 5))
                            .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y + 10)).append("\" stroke=\"").append(item[1])
                            .append("\" stroke-width=\"1.5\"/>");
                } else {
                    b.append("<rect class=\"").append(esc(item[0])).append('"');
                    rect(b, x, y, 12, 10);
                    b.append(" fill=\"").append(item[1]).append("\" stroke=\"#999\" stroke-width=\"0.5\"/>");
                }
                b.append("<text x=\"").append(num(x + 16)).append("\" y=\"").append(num(y + 9)).append("\">").append(esc(item[2]))
                        .append("</text></g>\n");
                x += w;
            }
            b.append("</g>\n");
            return y + 18;
        }

        private static String bandName(Band.Kind k) {
            return switch (k) {
                case WEEKEND -> "weekend";
                case HOLIDAY -> "holiday";
                case MAKEUP -> "make-up working day";
                case FREEZE -> "holiday freeze";
                case OUTAGE -> "bank outage";
                case FAULT -> "fault window";
            };
        }

        /** The bands' labels, drawn over the bars with a white halo; one that would cover another moves down a line. */
        private static final class Labels {
            private final List<double[]> boxes = new ArrayList<>();
            private final StringBuilder out = new StringBuilder();

            void add(double x, double y, String text) {
                double w = text.length() * 5;
                double at = y;
                boolean moved = true;
                while (moved) {
                    moved = false;
                    for (double[] b : boxes) {
                        if (x < b[0] + b[2] && b[0] < x + w && Math.abs(b[1] - at) < 9) {
                            at = b[1] + 9;
                            moved = true;
                        }
                    }
                }
                boxes.add(new double[] {x, at, w});
                out.append("<text class=\"band-label\" x=\"").append(num(x)).append("\" y=\"").append(num(at)).append("\">")
                        .append(esc(text)).append("</text>\n");
            }

            void draw(StringBuilder b) {
                if (out.isEmpty()) return;
                b.append("<g class=\"band-labels\" font-size=\"8\" fill=\"#333\" stroke=\"#fff\" stroke-width=\"2\" paint-order=\"stroke\">\n")
                        .append(out).append("</g>\n");
            }
        }

        // ---- text ----------------------------------------------------------------------------------

        private String title(PayoutView p) {
            StringBuilder t = new StringBuilder();
            t.append(p.id()).append(" · ").append(p.merchantId()).append(" (").append(p.bank()).append(", ").append(p.product()).append(")\n");
            t.append("net ").append(Amounts.format(p.net())).append(" (gross ").append(Amounts.format(p.gross())).append(", fee ")
                    .append(Amounts.format(p.fee())).append("), ").append(p.count()).append(" transactions\n");
            t.append("promised ").append(PayoutReport.shortTime(p.promisedAt()));
            if (p.paidAt() != null) t.append(", paid ").append(PayoutReport.shortTime(p.paidAt()));
            else t.append(", ").append(p.status());
            Duration late = ReasonSummary.delay(p, in.now());
            if (!late.isZero()) t.append(", late ").append(PayoutReport.human(late)).append(p.paidAt() == null ? " so far" : "");
            Set<String> faults = new LinkedHashSet<>();
            for (PayoutView.Reason r : p.reasons()) {
                t.append('\n').append(r.code()).append(' ').append(PayoutReport.shortTime(r.from())).append(" → ")
                        .append(r.to() == null ? "now" : PayoutReport.shortTime(r.to()));
                if (r.detail() != null) t.append(" (").append(r.detail()).append(')');
                if (r.faultId() != null) {
                    t.append(" [").append(r.faultId()).append(']');
                    faults.add(r.faultId());
                }
            }
            if (!faults.isEmpty()) t.append("\nfaults: ").append(String.join(", ", faults));
            return t.toString();
        }

        private String shortTime(Instant t) {
            return PayoutReport.shortTime(OffsetDateTime.ofInstant(t, in.zone()));
        }

        // ---- geometry ------------------------------------------------------------------------------

        private double x(Instant t) {
            double f = Duration.between(start, t).toSeconds() / seconds;
            return PLOT_X + PLOT_W * Math.max(0, Math.min(1, f));
        }

        private static void rect(StringBuilder b, double x, double y, double w, double h) {
            b.append(" x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"")
                    .append(num(h)).append('"');
        }
    }

    /** One decimal, a dot, no exponent, whatever the default locale. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
    }

    private static String esc(String s) {
        return Html.esc(s);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Map<ReasonCode, String> reasonColours() {
        Map<ReasonCode, String> m = new EnumMap<>(ReasonCode.class);
        m.put(ReasonCode.WEEKEND, "#7f7f7f");
        m.put(ReasonCode.HOLIDAY, "#e6550d");
        m.put(ReasonCode.HOLIDAY_FREEZE, "#756bb1");
        m.put(ReasonCode.HOST_MAINTENANCE, "#843c39");
        m.put(ReasonCode.BANK_OUTAGE, "#d62728");
        m.put(ReasonCode.NETWORK_FAULT, "#bcbd22");
        m.put(ReasonCode.ACCOUNT_FROZEN, "#1f77b4");
        m.put(ReasonCode.INVALID_ACCOUNT, "#17becf");
        m.put(ReasonCode.RISK_HOLD, "#e377c2");
        m.put(ReasonCode.POLICY_REVIEW, "#8c564b");
        m.put(ReasonCode.LATE_BATCH, "#2ca02c");
        m.put(ReasonCode.DAILY_LIMIT, "#393b79");
        if (m.size() != ReasonCode.values().length) throw new IllegalStateException("a reason code has no colour");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<Band.Kind, String> bandColours() {
        Map<Band.Kind, String> m = new EnumMap<>(Band.Kind.class);
        m.put(Band.Kind.WEEKEND, "#ececec");
        m.put(Band.Kind.HOLIDAY, "#fdd9b5");
        m.put(Band.Kind.MAKEUP, "#d8efd3");
        m.put(Band.Kind.FREEZE, "#e3dcf3");
        m.put(Band.Kind.OUTAGE, "#f7c6c6");
        m.put(Band.Kind.FAULT, "#fff0a8");
        return java.util.Collections.unmodifiableMap(m);
    }
}
