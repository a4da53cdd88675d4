package dev.hangar.application.port.in;

import dev.hangar.domain.storage.StoredPart;
import java.util.List;

public interface ListPartsUseCase {
  List<StoredPart> listParts(ListPartsQuery query);
}
