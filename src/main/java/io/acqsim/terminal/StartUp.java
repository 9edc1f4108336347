package io.acqsim.terminal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import io.acqsim.chip.MalformedIccData;
import io.acqsim.chip.StartUpDownloads;
import io.acqsim.iso.CupHeader;
import io.acqsim.message.ResponseCode;

/**
 * A cup terminal's start-up downloads, as the public terminal code in docs/notes/chip.md runs them:
 * the status query (0820 372 / 382, 62 = "1" + count held) page by page while the answer starts with
 * '2', then one download (0800 370 / 380, 62 = the entry's 9F06 [+ 9F22]) per entry listed, then the end
 * (0800 371 / 381). The end's answer may ask for the other download (header 4 or 5); at most four rounds.
 */
final class StartUp {
    /** One exchange with the host: 60.3 code and field 62 (or null). */
    interface Sender {
        EmulatedTerminal.Exchange send(String code, byte[] field62) throws IOException, ISOException;
    }

    private final Sender sender;
    private final List<byte[]> capks;
    private final List<byte[]> applications;

    StartUp(Sender sender, List<byte[]> capks, List<byte[]> applications) {
        this.sender = sender;
        this.capks = capks;
        this.applications = applications;
    }

    /** Runs the downloads {@code signOnAnswer} asks for, adding every exchange to {@code log}. */
    void run(ISOMsg signOnAnswer, List<EmulatedTerminal.Exchange> log) throws IOException, ISOException {
        int requirement = CupHeader.processingRequirement(signOnAnswer.getHeader());
        for (int round = 0; round < 4 && (requirement == 4 || requirement == 5); round++) {
            boolean keys = requirement == 4;
            List<byte[]> entries = new ArrayList<>();
            while (true) {
                EmulatedTerminal.Exchange q = sender.send(keys ? "372" : "382", String.format("1%02d", entries.size()).getBytes());
                log.add(q);
                if (!q.is(ResponseCode.APPROVED) || !q.response().hasField(62)) return;
                byte[] page = q.response().getBytes(62);
                try {
                    entries.addAll(StartUpDownloads.entries(page, 0x9F06));
                } catch (MalformedIccData e) {
                    throw new ISOException("the host's status answer is malformed: " + e.getMessage());
                }
                if (page.length == 0 || page[0] != '2') break;
            }
            for (byte[] entry : entries) {
                // a key's entry is 9F06 05 RID (8 bytes) + 9F22 01 index (4) + DF05 expiry: the request carries the first two
                byte[] request62 = keys ? Arrays.copyOf(entry, 8 + 4) : entry;
                EmulatedTerminal.Exchange d = sender.send(keys ? "370" : "380", request62);
                log.add(d);
                if (!d.is(ResponseCode.APPROVED)) return;
                byte[] answer = d.response().getBytes(62);
                if (answer != null && answer.length > 1 && answer[0] == '1') (keys ? capks : applications).add(Arrays.copyOfRange(answer, 1, answer.length));
            }
            EmulatedTerminal.Exchange end = sender.send(keys ? "371" : "381", null);
            log.add(end);
            if (end.response() == null) return;
            requirement = CupHeader.processingRequirement(end.response().getHeader());
        }
    }
}
