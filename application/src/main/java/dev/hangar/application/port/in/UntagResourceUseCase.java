package dev.hangar.application.port.in;

public interface UntagResourceUseCase {
  void untagResource(UntagResourceCommand command);
}
