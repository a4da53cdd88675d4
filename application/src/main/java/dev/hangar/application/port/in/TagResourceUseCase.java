package dev.hangar.application.port.in;

public interface TagResourceUseCase {
  void tagResource(TagResourceCommand command);
}
