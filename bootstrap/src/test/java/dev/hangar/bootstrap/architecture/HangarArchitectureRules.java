package dev.hangar.bootstrap.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.conditions.ArchConditions.have;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The rules of STYLE.md section 8, parameterised by the root package so that the same rule can be run against the
 * production classes ({@code dev.hangar}) and against deliberately broken test classes ({@code dev.hangar.violations}).
 */
public final class HangarArchitectureRules {
  public static final String ROOT = "dev.hangar";

  /** Simple names of the wire errors (STYLE.md section 5); they exist only as constants of the error enums. */
  public static final Set<String> WIRE_ERROR_NAMES = Set.of(
      "NotFoundException",
      "InvalidRequestException",
      "ConflictException",
      "TaggingFailedException",
      "UnauthorizedException",
      "InternalServiceException",
      "UnsupportedRegionException",
      "LimitExceededException",
      "SerializationException",
      "UnknownOperationException",
      "MissingAuthenticationTokenException",
      "UnrecognizedClientException",
      "IncompleteSignatureException",
      "InvalidSignatureException",
      "ExpiredTokenException");

  private HangarArchitectureRules() {
  }

  /** The production classes under {@link #ROOT}: no test classes, no test-jars. */
  public static JavaClasses productionClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(new DoNotIncludeTestJars())
        .importPackages(ROOT);
  }

  /** Rule 1. */
  public static ArchRule domainDependsOnlyOnDomainAndJdk(String root) {
    return classes().that().resideInAPackage(root + ".domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
        .because("the domain is plain Java (STYLE.md 8.1)");
  }

  /** Rule 2. */
  public static ArchRule applicationDependsOnlyOnApplicationDomainAndJdk(String root) {
    return classes().that().resideInAPackage(root + ".application..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(root + ".application..", root + ".domain..", "java..")
        .because("the application sees only the domain and the JDK (STYLE.md 8.2)");
  }

  /** Rule 3, first half. */
  public static ArchRule inboundPortsDoNotDependOnServices(String root) {
    return noClasses().that().resideInAPackage(root + ".application.port.in..")
        .should().dependOnClassesThat().resideInAPackage(root + ".application.service..")
        .because("inbound ports do not know their implementations (STYLE.md 8.3)");
  }

  /** Rule 3, second half. */
  public static ArchRule outboundPortsDoNotDependOnInboundPorts(String root) {
    return noClasses().that().resideInAPackage(root + ".application.port.out..")
        .should().dependOnClassesThat().resideInAPackage(root + ".application.port.in..")
        .because("outbound ports do not know the use cases (STYLE.md 8.3)");
  }

  /** Rule 3, third part. */
  public static ArchRule portsAreInterfacesRecordsOrExceptions(String root) {
    return classes().that().resideInAnyPackage(root + ".application.port.in..", root + ".application.port.out..")
        .should(be(interfaceRecordOrException()))
        .because("ports hold contracts and data, not behaviour (STYLE.md 8.3)");
  }

  /** Rule 4, first half. */
  public static ArchRule servicesAreNamedService(String root) {
    return classes().that().resideInAPackage(root + ".application.service..")
        .should().haveSimpleNameEndingWith("Service")
        .because("a use-case implementation is named <Operation>Service (STYLE.md 8.4)");
  }

  /** Rule 4, second half. */
  public static ArchRule servicesImplementAnInboundPort(String root) {
    return classes().that().resideInAPackage(root + ".application.service..")
        .should().implement(resideInAPackage(root + ".application.port.in.."))
        .because("every service implements a use case (STYLE.md 8.4)");
  }

  /** Rule 5, first half. */
  public static ArchRule adaptersDoNotDependOnEachOther(String root) {
    return slices().matching(root + ".adapter.(*)..")
        .should().notDependOnEachOther()
        .because("adapters meet only through ports (STYLE.md 8.5)");
  }

  /** Rule 5, second half. */
  public static ArchRule nothingOutsideBootstrapDependsOnBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
        .because("bootstrap is the outermost module (STYLE.md 8.5)");
  }

  /** Rule 6. */
  public static ArchRule dependencyInjectionOnlyInBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..")
        .because("wiring happens only in bootstrap (STYLE.md 8.6)");
  }

  /** Rule 7, AWS SDK. */
  public static ArchRule awsSdkOnlyInAwsAdapterAndBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackages(root + ".adapter.aws..", root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .because("the AWS SDK stays in the AWS adapter and bootstrap (STYLE.md 8.7)");
  }

  /** Rule 7, Undertow. */
  public static ArchRule undertowOnlyInHttpAdapterAndBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackages(root + ".adapter.http..", root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAPackage("io.undertow..")
        .because("Undertow stays in the HTTP adapter and bootstrap (STYLE.md 8.7)");
  }

  /** Metrics: the Prometheus client in the adapter that sees requests and in bootstrap only (STYLE.md's module map). */
  public static ArchRule metricsOnlyInHttpAdapterAndBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackages(root + ".adapter.http..", root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
        .because("metrics belong to the adapters that see requests and to bootstrap (STYLE.md, module map)");
  }

  /** Logging: never in domain or application, which return or raise what they have to report. */
  public static ArchRule noLoggingInDomainOrApplication(String root) {
    return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
        .should().callMethod(System.class, "getLogger", String.class)
        .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.slf4j..")
        .because("a use case that has something to report returns it or raises it (STYLE.md, module map)");
  }

  /** Rule 7, Jackson. */
  public static ArchRule jacksonOnlyInHttpAdapterAndBootstrap(String root) {
    return noClasses().that().resideOutsideOfPackages(root + ".adapter.http..", root + ".bootstrap..")
        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
        .because("Jackson stays in the HTTP adapter and bootstrap (STYLE.md 8.7)");
  }

  /** Rule 8. */
  public static ArchRule noClassIsNamedAfterAWireError(String root) {
    return noClasses().that().resideInAPackage(root + "..")
        .should(have(simpleNameIn(WIRE_ERROR_NAMES)))
        .because("wire error names exist only as constants of the error enums (STYLE.md 8.8)");
  }

  private static DescribedPredicate<JavaClass> interfaceRecordOrException() {
    return DescribedPredicate.describe("an interface, a record or an exception",
        javaClass -> javaClass.isInterface() || javaClass.isRecord() || javaClass.isAssignableTo(Throwable.class));
  }

  private static DescribedPredicate<JavaClass> simpleNameIn(Set<String> names) {
    return DescribedPredicate.describe("a simple name in " + names.stream().sorted().toList(),
        javaClass -> names.contains(javaClass.getSimpleName()));
  }
}
