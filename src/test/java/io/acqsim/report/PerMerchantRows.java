package io.acqsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the per-merchant summary back out of the console table and out of the HTML report, as rows
 * of the same cells (merchant, bank, product, payouts, delayed, amount, mean delay, max delay, faults,
 * reasons), so a test can check that both show the same numbers.
 */
public final class PerMerchantRows {
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>");

    private PerMerchantRows() {
    }

    /** The rows under the first console header line that starts with "merchant", up to the next blank line. */
    public static List<List<String>> fromConsole(String text) {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n", -1)) {
            if (!in) {
                in = line.startsWith("merchant ") && line.contains("mean delay");
                continue;
            }
            if (line.isBlank()) break;
            String[] f = line.strip().split("\\s+", 10);
            rows.add(normal(List.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f.length > 9 ? f[9] : "")));
        }
        return rows;
    }

    /** The rows of the HTML report's {@code <table class="per-merchant">}. */
    public static List<List<String>> fromHtml(String html) {
        int start = html.indexOf("<table class=\"per-merchant\">");
        if (start < 0) throw new AssertionError("no per-merchant table in the HTML");
        String table = html.substring(start, html.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher r = ROW.matcher(table);
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = CELL.matcher(r.group(1));
            while (c.find()) cells.add(c.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""));
            if (!cells.isEmpty()) rows.add(normal(cells));
        }
        return rows;
    }

    /** Fault ids without spaces, "-" for none read as empty. */
    private static List<String> normal(List<String> cells) {
        List<String> out = new ArrayList<>(cells);
        String faults = out.get(8).replace(" ", "");
        out.set(8, faults.equals("-") ? "" : faults);
        out.set(9, out.get(9).strip());
        return List.copyOf(out);
    }
}
