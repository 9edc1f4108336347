package io.acqsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.acqsim.yaml.FileError;

/** Field 55 reading, the TEST ARPC, and the shipped cfg/chip files. */
class ChipDataTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Path SHIPPED = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath().resolve("cfg/chip/chip.yml");
    private static final String ARQC_55 = "9F2608A1B2C3D4E5F607189F2701809F360200019505000000000082027C005A0862220212345678905F340101";

    @TempDir
    Path dir;

    @Test
    void readsTheTagsAndSummarisesWithoutValues() throws Exception {
        IccData icc = IccData.parse(HEX.parseHex(ARQC_55));
        assertEquals(List.of("9F26", "9F27", "9F36", "95", "82", "5A", "5F34"), icc.tags());
        assertArrayEquals(HEX.parseHex("A1B2C3D4E5F60718"), icc.value(IccData.ARQC));
        String summary = icc.summary();
        assertEquals("ICC tags 9F26 9F27 9F36 95 82 5A 5F34, ATC 0001, CID 80", summary);
        assertFalse(summary.contains("A1B2C3D4") || summary.contains("6222021234567890"), "no cryptogram, no PAN");
        assertEquals(summary, icc.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9F", "9F2608A1B2C3", "9F2701809F270180", "5F2A0201", "9F260881"})
    void malformedDataIsRefusedWithoutQuotingIt(String hex) {
        MalformedIccData e = assertThrows(MalformedIccData.class, () -> IccData.parse(HEX.parseHex(hex)));
        assertTrue(e.getMessage().startsWith("field 55"), e.getMessage());
        assertFalse(e.getMessage().contains("A1B2C3"), e.getMessage());
    }

    /** ARPC method 1 checked against a second implementation: BouncyCastle's DESede engine, written here from EMV Book 2. */
    @Test
    void arpcMethodOneMatchesBouncyCastle() throws Exception {
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] arqc = HEX.parseHex("A1B2C3D4E5F60718");
        byte[] arc = "00".getBytes();
        byte[] block = arqc.clone();
        block[0] ^= arc[0];
        block[1] ^= arc[1];
        DESedeEngine des = new DESedeEngine();
        des.init(true, new KeyParameter(key));
        byte[] expected = new byte[8];
        des.processBlock(block, 0, expected, 0);
        Arpc arpc = new Arpc(key);
        assertArrayEquals(expected, arpc.compute(arqc, arc));

        byte[] answer = IssuerResponse.build(IccData.parse(HEX.parseHex(ARQC_55)), "00", arpc);
        assertEquals("910A" + HEX.formatHex(expected) + "3030" + "8A023030", HEX.formatHex(answer));
        assertEquals("8A023531", HEX.formatHex(IssuerResponse.withoutArpc("51")));
    }

    @Test
    void shippedKeyCheckValueIsTheOneTheFileStates() throws Exception {
        ChipSettings s = ChipSettings.load(SHIPPED);
        String kcv = HEX.formatHex(s.arpc().checkValue());
        assertTrue(Files.readString(SHIPPED).contains("Key check value (3DES of eight zero bytes, first 3 bytes): " + kcv), kcv);
    }

    /** The shipped keys carry the published checksums: loading recomputes SHA-1 over RID, index, modulus, exponent. */
    @Test
    void shippedFilesLoadAndTheirChecksumsHold() {
        ChipSettings s = ChipSettings.load(SHIPPED);
        assertTrue(s.downloads());
        assertEquals(List.of("A000000333/08", "A000000333/09"), s.capks().stream().map(Capk::name).toList());
        assertEquals("EE23B616C95C02652AD18860E48787C079E8E85A", HEX.formatHex(s.capks().get(0).checksum()));
        assertEquals(List.of("A000000333010101", "A000000333010102", "A000000333010103"),
                s.applications().stream().map(a -> HEX.formatHex(a.aid())).toList());
        assertTrue(HEX.formatHex(s.applications().get(0).tlv()).startsWith("9F0608A000000333010101DF010100"));
    }

    @Test
    void aWrongChecksumNamesTheFileAndKey() throws Exception {
        String capk = Files.readString(SHIPPED.resolveSibling("capk.yml")).replace("EE23B616C95C", "EE23B616C95D");
        Files.writeString(dir.resolve("capk.yml"), capk);
        Files.writeString(dir.resolve("chip.yml"), "capk: capk.yml\n");
        FileError e = assertThrows(FileError.class, () -> ChipSettings.load(dir.resolve("chip.yml")));
        assertTrue(e.getMessage().contains("capk.yml") && e.getMessage().contains("does not match the key data"), e.getMessage());
    }

    @Test
    void badValuesAreNamed() throws Exception {
        Files.writeString(dir.resolve("chip.yml"), "downloads: true\n");
        assertTrue(assertThrows(FileError.class, () -> ChipSettings.load(dir.resolve("chip.yml"))).getMessage().contains("unknown key"),
                "downloads is chip.downloads of acqsim.yml, not of chip.yml");
        Files.writeString(dir.resolve("chip.yml"), "issuer-key: \"0123\"\n");
        assertTrue(assertThrows(FileError.class, () -> ChipSettings.load(dir.resolve("chip.yml"))).getMessage().contains("expected 16 bytes"));
        Files.writeString(dir.resolve("chip.yml"), "ic-params: ic.yml\n");
        Files.writeString(dir.resolve("ic.yml"), "applications:\n  - aid: A000000333010101\n    tags: { XYZ: \"00\" }\n");
        assertTrue(assertThrows(FileError.class, () -> ChipSettings.load(dir.resolve("chip.yml"))).getMessage().contains("'XYZ' is not a 1-3 byte tag"));
        assertFalse(ChipSettings.load(dir.resolve("absent.yml")).downloads(), "no chip.yml: no downloads");
    }

    @Test
    void statusQueriesPageWithinField62() throws Exception {
        ChipSettings s = ChipSettings.load(SHIPPED);
        StartUpDownloads d = new StartUpDownloads(s.capks(), s.applications());
        byte[] page = d.capkStatus("100".getBytes());
        assertEquals('1', page[0], "both keys fit one page: last page");
        assertEquals(2, StartUpDownloads.entries(page, 0x9F06).size());
        assertEquals("9F0605A0000003339F220108DF050832303430313233319F0605A0000003339F220109DF05083230343031323331",
                HEX.formatHex(page, 1, page.length));
        assertEquals("0", new String(d.capkStatus("102".getBytes())), "nothing beyond what the terminal holds");
        assertEquals("0", new String(d.capk(HEX.parseHex("9F0605A0000003339F220177"))), "a key the host does not have");
        assertArrayEquals(s.capks().get(1).tlv(), java.util.Arrays.copyOfRange(d.capk(HEX.parseHex("9F0605A0000003339F220109")), 1, 1 + s.capks().get(1).tlv().length));
        assertThrows(MalformedIccData.class, () -> d.capkStatus("X".getBytes()));
        assertThrows(MalformedIccData.class, () -> d.capk(HEX.parseHex("9F0605A000000333")));

        List<IcApplication> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(new IcApplication(HEX.parseHex(String.format("A0000003330101%02X", i)), "", java.util.Map.of()));
        StartUpDownloads big = new StartUpDownloads(List.of(), many);
        byte[] first = big.icStatus(null);
        assertEquals('2', first[0], "more follow");
        assertTrue(first.length <= StartUpDownloads.MAX_FIELD_62);
        int n = StartUpDownloads.entries(first, 0x9F06).size();
        byte[] second = big.icStatus(String.format("1%02d", n).getBytes());
        assertEquals('1', second[0]);
        assertEquals(60, n + StartUpDownloads.entries(second, 0x9F06).size());
    }

    @Test
    void theBookRemembersPerTerminalAndAsksAgainWhenTheFilesChange() {
        ChipSettings s = ChipSettings.load(SHIPPED);
        Path file = dir.resolve("chip/downloads.properties");
        DownloadBook book = new DownloadBook(file, new StartUpDownloads(s.capks(), s.applications()));
        assertEquals(DownloadBook.CAPK_UPDATE, book.pending("T0000001"));
        book.capkDone("T0000001");
        assertEquals(DownloadBook.IC_PARAMETERS, book.pending("T0000001"));
        book.icDone("T0000001");
        assertEquals(0, book.pending("T0000001"));
        assertEquals(DownloadBook.CAPK_UPDATE, book.pending("T0000002"), "per terminal");
        assertEquals(0, new DownloadBook(file, new StartUpDownloads(s.capks(), s.applications())).pending("T0000001"), "survives a restart");
        DownloadBook changed = new DownloadBook(file, new StartUpDownloads(s.capks().subList(0, 1), s.applications()));
        assertEquals(DownloadBook.CAPK_UPDATE, changed.pending("T0000001"), "a changed key set is downloaded again");
    }
}
