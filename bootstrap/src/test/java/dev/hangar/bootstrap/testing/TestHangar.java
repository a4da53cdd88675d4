package dev.hangar.bootstrap.testing;

import dev.hangar.adapter.http.HttpEndpoint;
import dev.hangar.adapter.inmemory.InMemoryBuildRepository;
import dev.hangar.application.port.out.LeaseLookup;
import dev.hangar.bootstrap.ServiceConfig;
import java.net.URI;
import java.time.Clock;

/** A node on a random loopback port, built from {@link TestHangarComponent}, for tests that need test ports. */
public final class TestHangar implements AutoCloseable {
  private final TestHangarComponent component;
  private final FaultSwitch faults;
  private final HttpEndpoint endpoint;

  private TestHangar(TestHangarComponent component, FaultSwitch faults, HttpEndpoint endpoint) {
    this.component = component;
    this.faults = faults;
    this.endpoint = endpoint;
  }

  public static TestHangar start(Clock clock) {
    return start(TestConfigs.node(), clock);
  }

  public static TestHangar start(ServiceConfig config, Clock clock) {
    FaultSwitch faults = new FaultSwitch();
    TestHangarComponent component = DaggerTestHangarComponent.factory().create(config, clock, faults);
    return new TestHangar(component, faults, HttpEndpoint.start(config.bindAddress(), config.port(), 2, 8, component.rootHandler()));
  }

  public URI endpoint() {
    return endpoint.uri();
  }

  public InMemoryBuildRepository catalog() {
    return component.catalog();
  }

  public LeaseLookup leases() {
    return component.leases();
  }

  public FaultSwitch faults() {
    return faults;
  }

  public dev.hangar.adapter.filesystem.FileSystemBuildStorage storage() {
    return component.storage();
  }

  public dev.hangar.adapter.filesystem.FileSystemUploadStore uploads() {
    return component.uploads();
  }

  /** The upload store's record of UploadPart writes in flight. */
  public PartsInFlight partsInFlight() {
    return component.partsInFlight();
  }

  @Override
  public void close() {
    endpoint.close();
    component.folder().close();
  }
}
