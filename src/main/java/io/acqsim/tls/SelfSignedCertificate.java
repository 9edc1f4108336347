package io.acqsim.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A host certificate for testing and for users who have none: a key pair and a self-signed certificate
 * made by the JDK's keytool (RSA 2048, SHA-256, the names given as subject alternative names), written as
 * a PKCS12 keystore for the host ({@code host.tls.keystore}) and the certificate alone as PEM for the
 * terminals to trust ({@code --tls-ca}). Self-signed: the certificate is its own CA. The password reaches
 * keytool through its environment, never its command line.
 */
public final class SelfSignedCertificate {
    public static final String ALIAS = "acqsim-host";
    private static final Pattern NAME = Pattern.compile("(dns|ip):[A-Za-z0-9.:*-]+");
    private static final String PASSWORD_VARIABLE = "ACQSIM_KEYTOOL_PASSWORD";

    /** What was written: the keystore (key and certificate) and the certificate as PEM. */
    public record Issued(Path keystore, Path certificate) {}

    private SelfSignedCertificate() {}

    /**
     * Writes {@code keystore} and {@code certificatePem} (neither may exist yet).
     * @param names subject alternative names such as {@code dns:localhost}, {@code ip:127.0.0.1}
     * @throws IllegalArgumentException for a bad name, a file that exists, or a keytool failure (its output)
     */
    public static Issued create(Path keystore, Path certificatePem, List<String> names, int days, String password) throws IOException {
        if (names.isEmpty()) throw new IllegalArgumentException("--san: at least one name, e.g. dns:localhost,ip:127.0.0.1");
        for (String n : names) {
            if (!NAME.matcher(n).matches()) throw new IllegalArgumentException("--san: '" + n + "' is not dns:NAME or ip:ADDRESS");
        }
        if (days < 1) throw new IllegalArgumentException("--days must be at least 1");
        if (password.length() < 6) throw new IllegalArgumentException("the keystore password must have at least 6 characters (keytool's rule)");
        for (Path p : List.of(keystore, certificatePem)) {
            if (Files.exists(p)) throw new IllegalArgumentException(p + " exists already; remove it or choose another --out");
        }
        Path dir = keystore.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String cn = names.getFirst().substring(names.getFirst().indexOf(':') + 1);
        keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=" + cn + ", O=acqsim test host", "-ext", "SAN=" + String.join(",", names),
                "-validity", String.valueOf(days), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
        writePem(keystore, password, certificatePem);
        return new Issued(keystore, certificatePem);
    }

    /** The keystore's certificate as PEM: its DER encoding in Base64 between the PEM markers (RFC 7468). */
    private static void writePem(Path keystore, String password, Path pem) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ks.getCertificate(ALIAS).getEncoded());
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate keytool made in " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String password, String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) throw new IllegalStateException("keytool not found at " + keytool + " (a JDK has it)");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASSWORD_VARIABLE, password);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        if (p.exitValue() != 0) throw new IllegalArgumentException("keytool " + args[0] + " failed: " + output);
    }
}
