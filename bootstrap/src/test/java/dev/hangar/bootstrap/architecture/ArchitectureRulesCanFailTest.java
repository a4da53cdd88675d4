package dev.hangar.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Proves that each rule of {@link ArchitectureTest} can fail: the test-only classes under {@code dev.hangar.violations}
 * are imported on their own, each rule must report the classes built to break it, and the same rule must still pass
 * on the production classes.
 */
class ArchitectureRulesCanFailTest {
  private static final String VIOLATIONS = "dev.hangar.violations";

  private static final JavaClasses VIOLATING_CLASSES = new ClassFileImporter().importPackages(VIOLATIONS);
  private static final JavaClasses PRODUCTION_CLASSES = HangarArchitectureRules.productionClasses();

  @Test
  void domainRule_violatingClass_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::domainDependsOnlyOnDomainAndJdk,
        "violations.domain.build.DomainUsesJackson");
  }

  @Test
  void applicationRule_violatingClass_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::applicationDependsOnlyOnApplicationDomainAndJdk,
        "violations.application.port.out.ExchangeSink");
  }

  @Test
  void portInRule_portDependsOnService_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::inboundPortsDoNotDependOnServices,
        "violations.application.port.in.UseCaseReachesService");
  }

  @Test
  void portOutRule_portDependsOnPortIn_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::outboundPortsDoNotDependOnInboundPorts,
        "violations.application.port.out.RepositoryReachesUseCase");
  }

  @Test
  void portShapeRule_plainClassPort_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::portsAreInterfacesRecordsOrExceptions,
        "violations.application.port.in.PlainClassPort");
  }

  @Test
  void serviceNameRule_misnamedService_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::servicesAreNamedService,
        "violations.application.service.MisnamedHandler");
  }

  @Test
  void serviceImplementsRule_serviceWithoutUseCase_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::servicesImplementAnInboundPort,
        "violations.application.service.UnattachedService");
  }

  @Test
  void adapterSlicesRule_inMemoryUsesHttp_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::adaptersDoNotDependOnEachOther,
        "violations.adapter.inmemory.InMemoryReachesHttp");
  }

  @Test
  void bootstrapRule_adapterUsesBootstrap_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::nothingOutsideBootstrapDependsOnBootstrap,
        "violations.adapter.http.HttpReachesBootstrap");
  }

  @Test
  void dependencyInjectionRule_annotationsOutsideBootstrap_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::dependencyInjectionOnlyInBootstrap,
        "violations.adapter.inmemory.InMemoryWithInject",
        "violations.adapter.inmemory.InMemoryWithJakartaSingleton",
        "violations.adapter.http.HttpDaggerModule");
  }

  @Test
  void dependencyInjectionRule_bootstrapClass_isNotReported() {
    assertNotReported(HangarArchitectureRules::dependencyInjectionOnlyInBootstrap,
        "violations.bootstrap.BootstrapSettings");
  }

  @Test
  void awsSdkRule_inMemoryUsesAwsSdk_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::awsSdkOnlyInAwsAdapterAndBootstrap,
        "violations.adapter.inmemory.InMemoryUsesAwsSdk");
  }

  @Test
  void undertowRule_inMemoryUsesUndertow_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::undertowOnlyInHttpAdapterAndBootstrap,
        "violations.adapter.inmemory.InMemoryUsesUndertow");
  }

  @Test
  void metricsRule_inMemoryUsesPrometheus_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::metricsOnlyInHttpAdapterAndBootstrap,
        "violations.adapter.inmemory.InMemoryUsesPrometheus");
  }

  @Test
  void loggingRule_serviceThatLogs_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::noLoggingInDomainOrApplication,
        "violations.application.service.ServiceThatLogs");
  }

  @Test
  void jacksonRule_inMemoryUsesJackson_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::jacksonOnlyInHttpAdapterAndBootstrap,
        "violations.adapter.inmemory.InMemoryUsesJackson");
  }

  @Test
  void libraryRules_bootstrapClass_isNotReported() {
    assertNotReported(HangarArchitectureRules::undertowOnlyInHttpAdapterAndBootstrap,
        "violations.bootstrap.BootstrapSettings");
    assertNotReported(HangarArchitectureRules::jacksonOnlyInHttpAdapterAndBootstrap,
        "violations.bootstrap.BootstrapSettings");
  }

  @Test
  void wireErrorNameRule_classNamedNotFoundException_fails() {
    assertFailsOnlyOnViolations(HangarArchitectureRules::noClassIsNamedAfterAWireError,
        "violations.adapter.http.NotFoundException");
  }

  @Test
  void wellFormedClasses_everyRule_areNotReported() {
    for (Function<String, ArchRule> rule : List.<Function<String, ArchRule>>of(
        HangarArchitectureRules::domainDependsOnlyOnDomainAndJdk,
        HangarArchitectureRules::applicationDependsOnlyOnApplicationDomainAndJdk,
        HangarArchitectureRules::portsAreInterfacesRecordsOrExceptions,
        HangarArchitectureRules::servicesAreNamedService,
        HangarArchitectureRules::servicesImplementAnInboundPort)) {
      assertNotReported(rule, "violations.domain.build.WellFormedValue");
      assertNotReported(rule, "violations.application.port.in.WellFormedUseCase");
      assertNotReported(rule, "violations.application.service.WellFormedService");
    }
  }

  /**
   * The rule, rooted at {@code dev.hangar.violations}, reports every named violating class; rooted at {@code
   * dev.hangar}, it passes on the production classes.
   */
  private static void assertFailsOnlyOnViolations(Function<String, ArchRule> rule, String... violatingClasses) {
    EvaluationResult onViolations = rule.apply(VIOLATIONS).evaluate(VIOLATING_CLASSES);
    assertThat(onViolations.hasViolation()).as("rule fails on the violating classes").isTrue();
    String report = String.join("\n", onViolations.getFailureReport().getDetails());
    for (String violatingClass : violatingClasses) {
      assertThat(report).as("failure report").contains("dev.hangar." + violatingClass);
    }

    EvaluationResult onProduction = rule.apply(HangarArchitectureRules.ROOT).evaluate(PRODUCTION_CLASSES);
    assertThat(onProduction.getFailureReport().getDetails()).as("violations in production classes").isEmpty();
    assertThat(onProduction.hasViolation()).isFalse();
  }

  /** No violation of the rule, rooted at {@code dev.hangar.violations}, starts at the conforming class. */
  private static void assertNotReported(Function<String, ArchRule> rule, String conformingClass) {
    String name = "dev.hangar." + conformingClass;
    EvaluationResult onViolations = rule.apply(VIOLATIONS).evaluate(VIOLATING_CLASSES);
    assertThat(onViolations.getFailureReport().getDetails())
        .as("violations reported for " + name)
        .noneMatch(line -> {
          String origin = line.substring(line.indexOf('<') + 1);
          return origin.startsWith(name + ">") || origin.startsWith(name + ".") || origin.startsWith(name + "$");
        });
  }
}
