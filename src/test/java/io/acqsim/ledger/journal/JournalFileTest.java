package io.acqsim.ledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {
    @TempDir
    Path dir;

    private final List<JournalFile.Entry> replayed = new ArrayList<>();

    private JournalFile open(long after, long segmentBytes) {
        replayed.clear();
        return JournalFile.open(dir, false, segmentBytes, after, replayed::add);
    }

    private static List<byte[]> entries(int from, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) out.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void entriesComeBackInSequenceAfterReopenAndOnlyThoseAfterTheAppliedOne() {
        try (JournalFile j = open(0, 1 << 20)) {
            assertEquals(3, j.append(entries(1, 3)));
            assertEquals(5, j.append(entries(4, 2)));
        }
        try (JournalFile j = open(2, 1 << 20)) {
            assertEquals(List.of(3L, 4L, 5L), replayed.stream().map(JournalFile.Entry::seq).toList());
            assertArrayEquals("entry 3".getBytes(StandardCharsets.UTF_8), replayed.getFirst().payload());
            assertEquals(5, j.lastSeq());
            assertEquals(6, j.append(entries(6, 1)), "appending continues after the last entry found");
        }
    }

    @Test
    void aTornTailIsCutOffAndAppendingContinuesWhereTheIntactEntriesEnd() throws IOException {
        try (JournalFile j = open(0, 1 << 20)) {
            j.append(entries(1, 4));
        }
        Path segment = segments().getLast();
        long intact = Files.size(segment);
        Files.write(segment, new byte[] {0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 5, 'p', 'a'}, StandardOpenOption.APPEND);   // a group cut short
        try (JournalFile j = open(0, 1 << 20)) {
            assertEquals(4, replayed.size());
            assertEquals(intact, Files.size(segment), "the torn bytes are gone");
            assertEquals(5, j.append(entries(5, 1)));
        }
        try (JournalFile j = open(0, 1 << 20)) {
            assertEquals(5, replayed.size());
        }
    }

    @Test
    void aFlippedByteEndsTheLastSegmentAtTheDamagedEntry() throws IOException {
        try (JournalFile j = open(0, 1 << 20)) {
            j.append(entries(1, 3));
        }
        Path segment = segments().getLast();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 6] ^= 0x40;                                   // inside the last entry's payload
        Files.write(segment, bytes);
        try (JournalFile j = open(0, 1 << 20)) {
            assertEquals(List.of(1L, 2L), replayed.stream().map(JournalFile.Entry::seq).toList());
        }
    }

    @Test
    void damageBeforeTheLastSegmentRefusesToOpen() throws IOException {
        try (JournalFile j = open(0, 64)) {
            for (int i = 1; i <= 6; i++) j.append(entries(i, 1));          // a segment per append or two
        }
        assertTrue(segments().size() >= 2);
        Path first = segments().getFirst();
        byte[] bytes = Files.readAllBytes(first);
        bytes[14] ^= 0x01;
        Files.write(first, bytes);
        JournalException e = assertThrows(JournalException.class, () -> open(0, 64));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(first.getFileName().toString()), e.getMessage());
    }

    @Test
    void appliedSegmentsAreDeletedAndTheOneAppendedToIsKept() throws IOException {
        try (JournalFile j = open(0, 64)) {
            for (int i = 1; i <= 10; i++) j.append(entries(i, 1));
            int before = segments().size();
            assertTrue(before >= 4, "small segments roll: " + before);
            j.deleteThrough(4);
            List<Path> left = segments();
            assertTrue(left.size() < before);
            long firstLeft = Long.parseLong(left.getFirst().getFileName().toString().substring(8, 28));
            assertTrue(firstLeft <= 5, "entry 5 is not applied, so its segment stays: " + left);
            j.deleteThrough(10);
            assertEquals(1, segments().size(), "the segment appended to stays");
            assertEquals(11, j.append(entries(11, 1)));
        }
        try (JournalFile j = open(10, 64)) {
            assertEquals(List.of(11L), replayed.stream().map(JournalFile.Entry::seq).toList());
            j.close(11);
        }
        assertEquals(List.of(), segments(), "a fully applied journal is removed at close");
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
