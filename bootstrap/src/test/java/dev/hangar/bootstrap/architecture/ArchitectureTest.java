package dev.hangar.bootstrap.architecture;

import static dev.hangar.bootstrap.architecture.HangarArchitectureRules.ROOT;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md section 8, run against the production classes. The empty-{@code should} check stays on. */
@AnalyzeClasses(packages = ROOT, importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_dependsOnlyOnDomainAndJdk =
      HangarArchitectureRules.domainDependsOnlyOnDomainAndJdk(ROOT);

  @ArchTest
  static final ArchRule application_dependsOnlyOnApplicationDomainAndJdk =
      HangarArchitectureRules.applicationDependsOnlyOnApplicationDomainAndJdk(ROOT);

  @ArchTest
  static final ArchRule portIn_doesNotDependOnServices =
      HangarArchitectureRules.inboundPortsDoNotDependOnServices(ROOT);

  @ArchTest
  static final ArchRule portOut_doesNotDependOnPortIn =
      HangarArchitectureRules.outboundPortsDoNotDependOnInboundPorts(ROOT);

  @ArchTest
  static final ArchRule ports_areInterfacesRecordsOrExceptions =
      HangarArchitectureRules.portsAreInterfacesRecordsOrExceptions(ROOT);

  @ArchTest
  static final ArchRule services_areNamedService =
      HangarArchitectureRules.servicesAreNamedService(ROOT);

  @ArchTest
  static final ArchRule services_implementAnInboundPort =
      HangarArchitectureRules.servicesImplementAnInboundPort(ROOT);

  @ArchTest
  static final ArchRule adapters_doNotDependOnEachOther =
      HangarArchitectureRules.adaptersDoNotDependOnEachOther(ROOT);

  @ArchTest
  static final ArchRule bootstrap_hasNoDependents =
      HangarArchitectureRules.nothingOutsideBootstrapDependsOnBootstrap(ROOT);

  @ArchTest
  static final ArchRule dependencyInjection_onlyInBootstrap =
      HangarArchitectureRules.dependencyInjectionOnlyInBootstrap(ROOT);


  @ArchTest
  static final ArchRule awsSdk_onlyInAwsAdapterAndBootstrap =
      HangarArchitectureRules.awsSdkOnlyInAwsAdapterAndBootstrap(ROOT);

  @ArchTest
  static final ArchRule undertow_onlyInHttpAdapterAndBootstrap =
      HangarArchitectureRules.undertowOnlyInHttpAdapterAndBootstrap(ROOT);

  @ArchTest
  static final ArchRule metrics_onlyInHttpAdapterAndBootstrap =
      HangarArchitectureRules.metricsOnlyInHttpAdapterAndBootstrap(ROOT);

  @ArchTest
  static final ArchRule logging_neverInDomainOrApplication = HangarArchitectureRules.noLoggingInDomainOrApplication(ROOT);

  @ArchTest
  static final ArchRule jackson_onlyInHttpAdapterAndBootstrap =
      HangarArchitectureRules.jacksonOnlyInHttpAdapterAndBootstrap(ROOT);

  @ArchTest
  static final ArchRule classNames_neverNameAWireError =
      HangarArchitectureRules.noClassIsNamedAfterAWireError(ROOT);
}
