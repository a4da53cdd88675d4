package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.CreateBuildRequest;
import dev.hangar.adapter.http.wire.CreateBuildResponse;
import dev.hangar.application.port.in.CreateBuildCommand;
import dev.hangar.application.port.in.CreateBuildResult;
import dev.hangar.application.port.in.CreateBuildUseCase;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.build.Tags;
import java.util.List;
import java.util.Optional;

public final class CreateBuildOperation implements GameLiftOperation<CreateBuildRequest, CreateBuildResponse> {
  private final CreateBuildUseCase useCase;

  public CreateBuildOperation(CreateBuildUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "CreateBuild";
  }

  @Override
  public Class<CreateBuildRequest> requestType() {
    return CreateBuildRequest.class;
  }

  /** Creating from a StorageLocation copies the caller's object in. */
  @Override
  public boolean mayBlock(CreateBuildRequest request) {
    return request.storageLocation() != null;
  }

  @Override
  public boolean declaresConflict() {
    return true;
  }

  @Override
  public CreateBuildResponse execute(Caller caller, CreateBuildRequest request) {
    CreateBuildCommand command = new CreateBuildCommand(caller.account(),
        Members.freeText("Name", request.name()),
        Members.freeText("Version", request.version()),
        Members.optional("OperatingSystem", request.operatingSystem(), v -> OperatingSystem.parse("OperatingSystem", v)),
        Members.optional("ServerSdkVersion", request.serverSdkVersion(), ServerSdkVersion::new),
        Tags.of(Members.tags(request.tags() == null ? List.of() : request.tags())),
        Optional.ofNullable(request.storageLocation()).map(Members::callerLocation));
    CreateBuildResult result = useCase.createBuild(command);
    return new CreateBuildResponse(Shapes.build(result.build()),
        result.uploadCredentials().map(Shapes::credentials).orElse(null),
        Shapes.location(result.build().storageLocation()));
  }

  @Override
  public boolean writesCatalog() {
    return true;
  }
}
