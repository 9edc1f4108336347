package io.acqsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import io.acqsim.tls.SelfSignedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acqsim tls-cert}: a key and self-signed certificate for the host's TLS listeners, for tests and
 * labs (a production host uses a certificate from the acquirer's CA). Writes DIR/host.p12 (the host's
 * keystore), DIR/host-cert.pem (what terminals trust) and DIR/host.p12.password (owner-only), and prints
 * the settings that use them.
 */
@Command(name = "tls-cert", mixinStandardHelpOptions = true,
        description = "Make a key and self-signed certificate for the host's TLS terminal ports (tests, labs).")
final class TlsCertCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tls", description = "Directory for the files. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--san", split = ",", paramLabel = "NAME", defaultValue = "dns:localhost,ip:127.0.0.1",
            description = "Names the terminals connect with, as dns:NAME or ip:ADDRESS (comma-separated). Default: ${DEFAULT-VALUE}")
    List<String> names;

    @Option(names = "--days", defaultValue = "825", description = "Validity in days. Default: ${DEFAULT-VALUE}")
    int days;

    @Override
    public Integer call() throws IOException {
        Path keystore = out.resolve("host.p12").toAbsolutePath();
        Path pem = out.resolve("host-cert.pem").toAbsolutePath();
        Path passwordFile = out.resolve("host.p12.password").toAbsolutePath();
        if (Files.exists(passwordFile)) throw new IllegalArgumentException(passwordFile + " exists already; remove it or choose another --out");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        SelfSignedCertificate.create(keystore, pem, names, days, password);
        Files.writeString(Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                password + "\n");
        System.out.printf("wrote %s (the host's key and certificate, for %s)%n      %s (the certificate, for terminals to trust)%n"
                        + "      %s (the keystore password, readable by you only)%n"
                        + "start the host with TLS on its terminal ports:%n"
                        + "  bin/acqsim run --set host.tls.enabled=true --set host.tls.keystore=%s --set host.tls.keystore-password=$(cat %s)%n"
                        + "connect a terminal:%n  bin/acqsim terminal --tls-ca %s --tid T0000001 --mid M00000000000001 signon%n",
                keystore, String.join(", ", names), pem, passwordFile, keystore, passwordFile, pem);
        return 0;
    }
}
