package io.acqsim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout the README's "Architecture" section describes, checked over the compiled product classes:
 * packages form no cycle, and the domain (what a payment switch is) never reaches into the adapters
 * that run it (Q2 wiring, the admin server and API, the command line, the composition root).
 */
class ArchitectureTest {
    /**
     * Packages that model the business, and the leaves they read files and wire formats with; they may
     * use each other and libraries, never the adapters that run them.
     */
    static final String[] DOMAIN = {
        "io.acqsim.calendar..", "io.acqsim.clock..", "io.acqsim.settlement..", "io.acqsim.clearing..",
        "io.acqsim.payout..", "io.acqsim.money..", "io.acqsim.ledger..", "io.acqsim.message..",
        "io.acqsim.issuer..", "io.acqsim.fault..", "io.acqsim.report..", "io.acqsim.scenario..",
        "io.acqsim.config..", "io.acqsim.yaml..", "io.acqsim.json..", "io.acqsim.iso..", "io.acqsim.capture..",
        "io.acqsim.keys.."};

    /** The adapters and the composition root. */
    static final String[] OUTER = {
        "io.acqsim.host..", "io.acqsim.q2..", "io.acqsim.admin..", "io.acqsim.api..", "io.acqsim.cli..", "io.acqsim.app.."};

    static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                // the product's class directory only (the build directory may be renamed: -Dacqsim.build.dir)
                .withImportOption(location -> !location.contains("/test-classes/"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.acqsim");
        // guards against a vacuous pass: an importer that found nothing would satisfy every rule
        assertTrue(product.size() > 300, "expected the whole product on the class path, found " + product.size() + " classes");
    }

    @Test
    void noPackageCycles() {
        // every package its own slice (host and host.participant are two), so a cycle between a package and its child counts
        slices().matching("io.acqsim.(**)").should().beFreeOfCycles().check(product);
    }

    @Test
    void domainDoesNotDependOnAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(OUTER)
                .check(product);
    }

    @Test
    void domainDoesNotDependOnQ2OrNetty() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.jpos.q2..", "org.jpos.transaction..", "io.netty..")
                .check(product);
    }
}
