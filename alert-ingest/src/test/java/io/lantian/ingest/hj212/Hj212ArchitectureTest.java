package io.lantian.ingest.hj212;

import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The protocol itself (framing, CRC, parser, code tables, mapping, the NIO server) stays plain Java. */
class Hj212ArchitectureTest {

    @Test
    void onlyTheWiringKnowsSpring() {
        noClasses().that().resideInAPackage("io.lantian.ingest.hj212")
                .and().doNotHaveSimpleName("Hj212Configuration").and().doNotHaveSimpleName("Hj212Endpoint")
                .and().doNotHaveSimpleName("Hj212Properties")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("the HJ 212 protocol code is tested and reasoned about without a container")
                .check(ServiceArchitecture.mainClasses("io.lantian.ingest.hj212"));
    }
}
