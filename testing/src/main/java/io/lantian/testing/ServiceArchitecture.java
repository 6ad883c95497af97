package io.lantian.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules every service keeps (DESIGN.md §2): packages by feature without cycles, Kafka only through
 * the platform's catalogue-typed publisher, listeners and outbox, and the named domain classes free of Spring.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    public static void check(String basePackage, Class<?>... springFreeDomainClasses) {
        JavaClasses classes = mainClasses(basePackage);

        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .because("features depend on each other in one direction only").check(classes);

        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.annotation.KafkaListener")
                .because("events go through EventPublisher / Outbox and TopicListeners, typed by the topic catalogue")
                .check(classes);

        for (Class<?> domain : springFreeDomainClasses) {
            noClasses().that().haveFullyQualifiedName(domain.getName())
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                    .because("domain logic stays free of Spring").check(classes);
        }
    }
}
