package io.acqsim.chip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.acqsim.yaml.YamlNode;
import io.acqsim.yaml.YamlReader;

/**
 * cfg/chip/chip.yml and the TEST files it names: the CA public keys and IC parameters terminals
 * download at start-up and the TEST issuer key for ARPCs; whether the host asks terminals for the
 * downloads is {@code chip.downloads} of cfg/acqsim.yml (off by default, so a sign-on answer's header
 * stays 0 unless asked). Every value is checked when the host starts; an error names the file, line and key.
 * When cfg/chip/chip.yml does not exist the host has no chip data: it answers chip requests
 * without 91 and has nothing to download.
 */
public record ChipSettings(boolean downloads, Arpc arpc, List<Capk> capks, List<IcApplication> applications) {
    private static final HexFormat HEX = HexFormat.of();

    public static ChipSettings none() {
        return new ChipSettings(false, null, List.of(), List.of());
    }

    /** As {@link #load(Path, boolean)}, downloads on: for tests and tools that read the files. */
    public static ChipSettings load(Path file) {
        return load(file, true);
    }

    /**
     * Loads {@code file} (chip.yml); the files it names are relative to it. A missing file is {@link #none()}.
     * {@code downloads}: whether sign-on answers ask for the downloads (cfg/acqsim.yml {@code chip.downloads}).
     */
    public static ChipSettings load(Path file, boolean downloads) {
        if (!Files.exists(file)) return none();
        YamlNode root = YamlReader.read(file);
        root.onlyKeys(Set.of("issuer-key", "capk", "ic-params"));
        Arpc arpc = null;
        if (root.has("issuer-key")) {
            YamlNode k = root.get("issuer-key");
            byte[] key = hex(k, 16, 16);
            arpc = new Arpc(key);
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Capk> capks = root.has("capk") ? capks(YamlReader.read(dir.resolve(root.get("capk").text()))) : List.of();
        List<IcApplication> apps = root.has("ic-params") ? applications(YamlReader.read(dir.resolve(root.get("ic-params").text()))) : List.of();
        return new ChipSettings(downloads, arpc, capks, apps);
    }

    private static List<Capk> capks(YamlNode root) {
        root.onlyKeys(Set.of("keys"));
        List<Capk> out = new ArrayList<>();
        if (!root.has("keys")) return out;
        for (YamlNode n : root.get("keys").sequence()) {
            n.onlyKeys(Set.of("rid", "index", "expiry", "hash-algorithm", "key-algorithm", "modulus", "exponent", "checksum", "note"));
            for (String k : List.of("rid", "index", "expiry", "modulus", "exponent")) if (!n.has(k)) throw n.error(k, "is mandatory");
            try {
                Capk c = new Capk(hex(n.get("rid"), 5, 5), hex(n.get("index"), 1, 1)[0] & 0xFF, n.get("expiry").text(),
                        n.has("hash-algorithm") ? hex(n.get("hash-algorithm"), 1, 1)[0] : 1,
                        n.has("key-algorithm") ? hex(n.get("key-algorithm"), 1, 1)[0] : 1,
                        hex(n.get("modulus"), 64, 248), hex(n.get("exponent"), 1, 3),
                        n.has("checksum") ? hex(n.get("checksum"), 20, 20) : null);
                for (Capk other : out) if (other.is(c.rid(), c.index())) throw n.error("rid", "key " + c.name() + " is listed twice");
                out.add(c);
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<IcApplication> applications(YamlNode root) {
        root.onlyKeys(Set.of("applications"));
        List<IcApplication> out = new ArrayList<>();
        if (!root.has("applications")) return out;
        for (YamlNode n : root.get("applications").sequence()) {
            n.onlyKeys(Set.of("aid", "name", "tags"));
            if (!n.has("aid")) throw n.error("aid", "is mandatory");
            Map<Integer, byte[]> tags = new LinkedHashMap<>();
            if (n.has("tags")) {
                for (Map.Entry<String, YamlNode> e : n.get("tags").mapping().entrySet()) {
                    try {
                        tags.put(Tlv.tag(e.getKey()), hex(e.getValue(), 0, 252));
                    } catch (IllegalArgumentException ex) {
                        throw e.getValue().error(ex.getMessage());
                    }
                }
            }
            try {
                IcApplication a = new IcApplication(hex(n.get("aid"), 5, 16), n.has("name") ? n.get("name").text() : "", tags);
                for (IcApplication other : out) if (other.is(a.aid())) throw n.error("aid", "AID " + n.get("aid").text() + " is listed twice");
                out.add(a);
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Hex of min..max bytes; quoted or not (a bare 08 or 0030 is read as text, never as a number). */
    private static byte[] hex(YamlNode n, int min, int max) {
        String s = n.text().replace(" ", "");
        if (s.length() % 2 != 0 || !s.matches("[0-9A-Fa-f]*")) throw n.error("'" + n.text() + "' is not hex (an even number of 0-9 A-F)");
        byte[] b = HEX.parseHex(s);
        if (b.length < min || b.length > max) {
            throw n.error(min == max ? "expected " + min + " bytes, found " + b.length : "expected " + min + "-" + max + " bytes, found " + b.length);
        }
        return b;
    }
}
