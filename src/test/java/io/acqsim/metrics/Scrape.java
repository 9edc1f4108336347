package io.acqsim.metrics;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Prometheus text scrape read back for assertions: every sample line as {@code name{labels}} → value, the
 * labels exactly as written (Micrometer writes them sorted by name, {@code le} last), and every family's
 * {@code # TYPE}.
 */
public record Scrape(String text, Map<String, Double> samples, Map<String, String> types) {

    public static Scrape of(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Scrape(text, samples, types);
    }

    /** The value of one sample, e.g. {@code value("acqsim_payouts{status=\"paid\"}")}; fails the test when absent. */
    public double value(String sample) {
        Double v = samples.get(sample);
        assertNotNull(v, () -> "no sample " + sample + " in the scrape:\n" + text);
        return v;
    }

    /** The names of the sample lines that start with {@code prefix}, without their labels. */
    public Set<String> names(String prefix) {
        Set<String> out = new TreeSet<>();
        for (String s : samples.keySet()) {
            String name = s.contains("{") ? s.substring(0, s.indexOf('{')) : s;
            if (name.startsWith(prefix)) out.add(name);
        }
        return out;
    }
}
