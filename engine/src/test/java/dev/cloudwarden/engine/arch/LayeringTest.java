package dev.cloudwarden.engine.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's layering (DESIGN.md): a pure library that never reaches into the app, with the event model and keyed
 * state at the bottom, and no package depending, even indirectly, on a package that depends on it.
 */
class LayeringTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cloudwarden.engine");
    }

    @Test
    void theEngineNeverImportsTheAppOrTheSimulator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.cloudwarden.app..", "dev.cloudwarden.simulate..",
                "dev.cloudwarden.bench..", "picocli..").check(engine);
    }

    @Test
    void eventAndStateStayAtTheBottom() {
        noClasses().that().resideInAnyPackage("dev.cloudwarden.engine.event..", "dev.cloudwarden.engine.state..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.cloudwarden.engine.alert..", "dev.cloudwarden.engine.detect..", "dev.cloudwarden.engine.ingest..",
                        "dev.cloudwarden.engine.sigma..", "dev.cloudwarden.engine.behavior..", "dev.cloudwarden.engine.intel..",
                        "dev.cloudwarden.engine.incident..", "dev.cloudwarden.engine.run..")
                .check(engine);
    }

    @Test
    void onlyTheRunWiresDetectorsTogether() {
        noClasses().that().resideOutsideOfPackage("dev.cloudwarden.engine.run..")
                .should().dependOnClassesThat().resideInAPackage("dev.cloudwarden.engine.run..")
                .check(engine);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.cloudwarden.engine.(**)").should().beFreeOfCycles().check(engine);
    }
}
