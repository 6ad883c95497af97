package io.lantian.common;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** common is shared by every service: plain Java, no Spring, no I/O. */
class CommonArchitectureTest {

    @Test
    void commonDependsOnNoFrameworkAndDoesNoIo() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lantian.common");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.net..", "java.sql..", "java.nio.file..")
                .check(classes);
    }
}
