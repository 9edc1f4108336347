package io.acqsim.clearing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;

/**
 * The clearing file of a business date: DATA/clearing/clearing-YYYY-MM-DD.csv, UTF-8, one header line,
 * one line per merchant and currency, ordered by merchant. Amounts in minor units. Columns:
 * business_date, merchant_id, currency, bank, product, sales_count, sales_amount, refund_count,
 * refund_amount, card_fee, qr_fee, fee, net. Written to a temporary file and moved into place, so a
 * reader never sees half a file; the same clearing always gives the same bytes.
 */
public final class ClearingFile {
    public static final String HEADER = "business_date,merchant_id,currency,bank,product,sales_count,sales_amount,"
            + "refund_count,refund_amount,card_fee,qr_fee,fee,net";

    private ClearingFile() {
    }

    public static Path path(Path dir, LocalDate businessDate) {
        return dir.resolve("clearing-" + businessDate + ".csv");
    }

    public static Path write(Path dir, LocalDate businessDate, List<ClearingRow> rows) {
        Path target = path(dir, businessDate);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".clearing-", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.write('\n');
                for (ClearingRow r : rows) {
                    w.write(String.join(",", r.businessDate().toString(), r.merchantId(), r.currency(), r.bank(), r.product(),
                            String.valueOf(r.salesCount()), String.valueOf(r.salesAmount()), String.valueOf(r.refundCount()),
                            String.valueOf(r.refundAmount()), String.valueOf(r.cardFee()), String.valueOf(r.qrFee()),
                            String.valueOf(r.fee()), String.valueOf(r.net())));
                    w.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clearing file " + target + ": " + e.getMessage(), e);
        }
    }
}
