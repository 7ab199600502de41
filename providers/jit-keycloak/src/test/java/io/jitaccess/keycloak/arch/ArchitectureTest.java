package io.jitaccess.keycloak.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which (docs/development.md draws the same map): the doors of the user and admin APIs, the
 * login step, the token mapper and the policy page call the ledger; the ledger calls the audit trail and the store;
 * expiry and mail follow the ledger's events and nothing calls them back; the store calls nothing of ours.
 */
@DisplayName("Dependencies go one way")
class ArchitectureTest {

    private static final String K = "io.jitaccess.keycloak.";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jitaccess.core", "io.jitaccess.keycloak");

    /** The classes outside store, audit and ledger that turn entities into what people see (JSON, pages, mail, tokens). */
    private static final Set<String> ENTITY_ADAPTERS = Set.of(
            K + "rest.Views",
            K + "rest.admin.Csv",
            K + "login.ElevationStep",
            K + "login.StepPages",
            K + "mail.MailDispatcher",
            K + "mail.NotificationMail",
            K + "token.TokenGrants");

    @Test
    @DisplayName("doors call the ledger, the ledger calls audit and store, and nothing calls a door")
    void layers() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("store")
                .definedBy(K + "store..")
                .layer("audit")
                .definedBy(K + "audit..")
                .layer("ledger")
                .definedBy(K + "ledger..")
                .layer("mail")
                .definedBy(K + "mail..")
                .layer("expiry")
                .definedBy(K + "expiry..")
                .layer("login")
                .definedBy(K + "login..")
                .layer("token")
                .definedBy(K + "token..")
                .layer("policy")
                .definedBy(K + "policy..")
                .layer("rest")
                .definedBy(K + "rest")
                .layer("user API")
                .definedBy(K + "rest.user..")
                .layer("admin API")
                .definedBy(K + "rest.admin..")
                .whereLayer("user API")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("admin API")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("login")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("token")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("policy")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("expiry")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("rest")
                .mayOnlyBeAccessedByLayers("user API", "admin API")
                .whereLayer("mail")
                .mayOnlyBeAccessedByLayers("expiry")
                .whereLayer("ledger")
                .mayOnlyBeAccessedByLayers(
                        "mail", "expiry", "login", "token", "policy", "rest", "user API", "admin API")
                .whereLayer("audit")
                .mayOnlyBeAccessedByLayers(
                        "ledger", "mail", "expiry", "login", "token", "policy", "rest", "user API", "admin API")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers(
                        "audit",
                        "ledger",
                        "mail",
                        "expiry",
                        "login",
                        "token",
                        "policy",
                        "rest",
                        "user API",
                        "admin API")
                .check(CLASSES);
    }

    @Test
    @DisplayName("no package cycles")
    void noCycles() {
        slices().matching(K + "(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    @DisplayName("entities are used by the store, the audit trail, the ledger and the few classes that adapt them")
    void entitiesStayInside() {
        classes()
                .that()
                .resideInAPackage(K + "store")
                .and()
                .haveSimpleNameEndingWith("Entity")
                .should()
                .onlyHaveDependentClassesThat(
                        insidePackages(K + "store", K + "audit", K + "ledger").or(adapters()))
                .check(CLASSES);
    }

    @Test
    @DisplayName(
            "only the store reaches the entity manager, and the APIs, the login step and the policy page reach no store")
    void queriesInTheStore() {
        noClasses()
                .that()
                .resideOutsideOfPackage(K + "store")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.keycloak.connections.jpa.JpaConnectionProvider")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAnyPackage(K + "rest..", K + "login..", K + "policy..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage(K + "store")
                        .and(JavaClass.Predicates.simpleNameEndingWith("Store")))
                .check(CLASSES);
    }

    @Test
    @DisplayName("jit-core imports nothing of Keycloak, Jakarta or the glue")
    void coreStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("io.jitaccess.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.keycloak..", "jakarta..", "io.jitaccess.keycloak..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("no static mutable state")
    void noStaticMutableState() {
        fields().that().areStatic().should().beFinal().check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> insidePackages(String... packages) {
        return JavaClass.Predicates.resideInAnyPackage(packages);
    }

    private static DescribedPredicate<JavaClass> adapters() {
        return DescribedPredicate.describe(
                "entity adapters " + ENTITY_ADAPTERS,
                type -> ENTITY_ADAPTERS.contains(type.getName())
                        || ENTITY_ADAPTERS.contains(type.getName().replaceFirst("\\$.*", "")));
    }
}
