package io.acqsim.chip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The host's field 55 for a chip request: tag 91 (issuer authentication data = ARPC || ARC, method 1)
 * when the request carried an ARQC (9F26), and tag 8A (the response code as two ASCII characters).
 */
public final class IssuerResponse {
    private IssuerResponse() {
    }

    /** Tag 8A alone: for a host without an issuer key. */
    public static byte[] withoutArpc(String responseCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tlv.write(out, IccData.AUTHORISATION_RESPONSE_CODE, responseCode.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static byte[] build(IccData request, String responseCode, Arpc arpc) {
        byte[] arc = responseCode.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] arqc = request.value(IccData.ARQC);
        if (arqc != null && arqc.length == 8) {
            byte[] data = new byte[10];
            System.arraycopy(arpc.compute(arqc, arc), 0, data, 0, 8);
            System.arraycopy(arc, 0, data, 8, 2);
            Tlv.write(out, IccData.ISSUER_AUTHENTICATION_DATA, data);
        }
        Tlv.write(out, IccData.AUTHORISATION_RESPONSE_CODE, arc);
        return out.toByteArray();
    }
}
