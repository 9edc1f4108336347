package io.acqsim.replay.input;

/** What the start of a text input says it is: XML (a jPOS log), hex, or nothing but white space. */
enum TextFormat {
    XML, HEX, EMPTY;

    /**
     * From the first bytes of the (decompressed) content: XML when the first character other than white
     * space, after a UTF-8 byte-order mark, is {@code <}; EMPTY when there is none in {@code head}.
     */
    static TextFormat of(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) i++;
        if (i == head.length) return EMPTY;
        return head[i] == '<' ? XML : HEX;
    }
}
