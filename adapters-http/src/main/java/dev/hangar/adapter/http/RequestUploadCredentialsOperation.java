package dev.hangar.adapter.http;

import dev.hangar.adapter.http.wire.BuildIdRequest;
import dev.hangar.adapter.http.wire.RequestUploadCredentialsResponse;
import dev.hangar.application.port.in.RequestUploadCredentialsCommand;
import dev.hangar.application.port.in.RequestUploadCredentialsResult;
import dev.hangar.application.port.in.RequestUploadCredentialsUseCase;

public final class RequestUploadCredentialsOperation
    implements GameLiftOperation<BuildIdRequest, RequestUploadCredentialsResponse> {
  private final RequestUploadCredentialsUseCase useCase;

  public RequestUploadCredentialsOperation(RequestUploadCredentialsUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public String name() {
    return "RequestUploadCredentials";
  }

  @Override
  public Class<BuildIdRequest> requestType() {
    return BuildIdRequest.class;
  }

  @Override
  public RequestUploadCredentialsResponse execute(Caller caller, BuildIdRequest request) {
    RequestUploadCredentialsResult result = useCase.requestUploadCredentials(
        new RequestUploadCredentialsCommand(caller.account(), Members.buildIdOrArn(request.buildId())));
    return new RequestUploadCredentialsResponse(Shapes.credentials(result.lease()), Shapes.location(result.storageLocation()));
  }
}
