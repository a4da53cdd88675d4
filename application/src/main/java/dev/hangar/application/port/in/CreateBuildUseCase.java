package dev.hangar.application.port.in;

public interface CreateBuildUseCase {
  CreateBuildResult createBuild(CreateBuildCommand command);
}
