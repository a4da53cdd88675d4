package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.BuildIdRequest;
import dev.hangar.adapter.http.wire.BuildResponse;
import dev.hangar.application.port.in.DescribeBuildQuery;
import dev.hangar.application.port.in.DescribeBuildUseCase;

public final class DescribeBuildOperation implements GameLiftOperation<BuildIdRequest, BuildResponse> {
  private final DescribeBuildUseCase useCase;

  public DescribeBuildOperation(DescribeBuildUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "DescribeBuild";
  }

  @Override
  public Class<BuildIdRequest> requestType() {
    return BuildIdRequest.class;
  }

  @Override
  public BuildResponse execute(Caller caller, BuildIdRequest request) {
    return new BuildResponse(Shapes.build(useCase.describeBuild(
        new DescribeBuildQuery(caller.account(), Members.buildIdOrArn(request.buildId())))));
  }
}
