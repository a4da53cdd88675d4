package dev.hangar.adapter.inmemory;

import dev.hangar.application.port.out.BuildIdGenerator;
import dev.hangar.domain.build.BuildId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * {@code build-<random uuid>}, as GameLift issues them: a version 4 UUID from a DRBG of each thread's own
 * ({@code UUID.randomUUID()} makes every thread wait on one shared SecureRandom).
 */
public final class UuidBuildIdGenerator implements BuildIdGenerator {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SealedCredentialIssuer::drbg);

  @Override
  public BuildId next() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return BuildId.of(new UUID(buffer.getLong(), buffer.getLong()));
  }
}
