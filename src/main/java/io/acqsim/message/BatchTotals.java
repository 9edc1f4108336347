package io.acqsim.message;

/**
 * Totals of a terminal batch: sales (debits) and refunds (credits), counts and amounts in minor units.
 * Voided and reversed transactions are in neither.
 */
public record BatchTotals(int salesCount, long salesAmount, int refundCount, long refundAmount) {
    public static final BatchTotals ZERO = new BatchTotals(0, 0, 0, 0);

    public BatchTotals plusSale(long amount) {
        return new BatchTotals(salesCount + 1, Math.addExact(salesAmount, amount), refundCount, refundAmount);
    }

    public BatchTotals plusRefund(long amount) {
        return new BatchTotals(salesCount, salesAmount, refundCount + 1, Math.addExact(refundAmount, amount));
    }

    /** iso87a field 63: sales count n3, sales amount n12, refund count n3, refund amount n12. */
    public String toIso87a() {
        return String.format("%03d%012d%03d%012d", salesCount, salesAmount, refundCount, refundAmount);
    }

    /** cup field 48: debit amount n12, debit count n3, credit amount n12, credit count n3, then the reconciliation code. */
    public String toCupBlock(char reconciliation) {
        return String.format("%012d%03d%012d%03d%c", salesAmount, salesCount, refundAmount, refundCount, reconciliation);
    }
}
