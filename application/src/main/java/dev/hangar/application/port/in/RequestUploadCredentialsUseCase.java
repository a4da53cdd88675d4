package dev.hangar.application.port.in;

public interface RequestUploadCredentialsUseCase {
  RequestUploadCredentialsResult requestUploadCredentials(RequestUploadCredentialsCommand command);
}
