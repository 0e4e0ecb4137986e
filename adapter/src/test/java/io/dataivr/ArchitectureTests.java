package io.dataivr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward (STYLE.md): transports and stores depend on features, never back; no
 * package depends on itself through others; classes stay small enough to have one job.
 */
class ArchitectureTests {

    /** STYLE.md: split a class past about 300 lines. */
    private static final int MAX_LINES = 300;
    private static final String[] FEATURES = {"io.dataivr.menu..", "io.dataivr.session..", "io.dataivr.agent..",
            "io.dataivr.screen..", "io.dataivr.call.."};

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
        noClasses().that().resideInAnyPackage(FEATURES)
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
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(MAIN);
    }

    /**
     * Each package is a slice, sub-packages included (session's consult, call, device, token, ...): no
     * package reaches itself again through the packages it uses.
     */
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.dataivr.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** Each top-level package with its sub-packages is a slice: features use each other one way only. */
    @Test
    void noTopLevelPackageDependsOnItselfThroughOthers() {
        slices().matching("io.dataivr.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The call vocabulary the voice edge and the features share is plain Java: it names nothing of theirs. */
    @Test
    void theCallVocabularyDependsOnNothingElseOfDataIvr() {
        classes().that().resideInAPackage("io.dataivr.call..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.dataivr.call..", "java..")
                .check(MAIN);
    }

    /** The session itself (its root package) is what its use cases build on, never the other way round. */
    @Test
    void theSessionModelDoesNotDependOnTheSessionUseCases() {
        noClasses().that().resideInAPackage("io.dataivr.session")
                .should().dependOnClassesThat().resideInAnyPackage("io.dataivr.session.consult..",
                        "io.dataivr.session.call..", "io.dataivr.session.resume..", "io.dataivr.session.recovery..",
                        "io.dataivr.session.token..", "io.dataivr.session.record..")
                .check(MAIN);
    }

    @Test
    void everyMainClassHasAtMostThreeHundredLines() throws IOException {
        Path main = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", "..")).resolve("adapter/src/main/java");
        assertThat(main).as("the adapter's sources (set DATAIVR_HOME to the repository root)").isDirectory();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(main)) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> lines(file) > MAX_LINES)
                    .map(file -> main.relativize(file) + ": " + lines(file) + " lines")
                    .toList();
        }
        assertThat(tooLong).as("classes past " + MAX_LINES + " lines (split them by job)").isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
