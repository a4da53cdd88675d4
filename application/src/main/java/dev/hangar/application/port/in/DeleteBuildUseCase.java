package dev.hangar.application.port.in;

public interface DeleteBuildUseCase {
  void deleteBuild(DeleteBuildCommand command);
}
