package io.dataivr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward (STYLE.md): transports and stores depend on features, never back. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dataivr");

    @Test
    void onlyTheVoicePackageNamesAsteriskJava() {
        noClasses().that().resideOutsideOfPackage("io.dataivr.voice..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(MAIN);
    }

    @Test
    void onlyTheStorePackageNamesJdbcOrLettuce() {
        noClasses().that().resideOutsideOfPackage("io.dataivr.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "org.springframework.jdbc..")
                .check(MAIN);
    }

    @Test
    void featuresDoNotDependOnTransportsOrStores() {
        noClasses().that().resideInAnyPackage("io.dataivr.menu..", "io.dataivr.session..", "io.dataivr.agent..", "io.dataivr.screen..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.dataivr.api..", "io.dataivr.voice..", "io.dataivr.store..", "io.dataivr.metrics..")
                .check(MAIN);
    }

    @Test
    void onlyTheMetricsPackageNamesMicrometer() {
        noClasses().that().resideOutsideOfPackage("io.dataivr.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .check(MAIN);
    }

    @Test
    void featuresDoNotNameHttpOrWebSocketTypes() {
        noClasses().that().resideInAnyPackage("io.dataivr.menu..", "io.dataivr.session..", "io.dataivr.agent..", "io.dataivr.screen..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(MAIN);
    }
}
