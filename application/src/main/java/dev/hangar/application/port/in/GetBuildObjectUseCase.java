package dev.hangar.application.port.in;

import dev.hangar.domain.storage.ByteRange;
import java.io.InputStream;
import java.util.Optional;

/** HeadObject and GetObject on a build's object, for the account that owns the build. */
public interface GetBuildObjectUseCase {
  /** The object, when the caller owns a build stored at that bucket and key and its files are there. */
  Optional<BuildObject> getBuildObject(GetBuildObjectQuery query);

  /** Its bytes; the caller closes the stream. */
  Optional<InputStream> openBuildObject(BuildObject object);

  /** Those of its bytes (a ranged GetObject); the range lies within the object. The caller closes the stream. */
  Optional<InputStream> openBuildObject(BuildObject object, ByteRange range);
}
