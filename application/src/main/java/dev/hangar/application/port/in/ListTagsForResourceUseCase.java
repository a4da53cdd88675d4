package dev.hangar.application.port.in;

import dev.hangar.domain.build.Tag;
import java.util.List;

public interface ListTagsForResourceUseCase {
  List<Tag> listTagsForResource(ListTagsForResourceQuery query);
}
