package dev.hangar.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.MultipartRuleException.Violation;
import dev.hangar.domain.failure.MultipartRuleException;
import dev.hangar.domain.storage.MultipartUpload.RequestedPart;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartUploadTest {
  private static final long MIB = 1024 * 1024;
  // The spec's example: 5 MiB of 'a' then 1 KiB of 'b'.
  private static final StoredPart ONE = new StoredPart(1, 5 * MIB, "79b281060d337b9b2b84ccf390adcf74", Instant.EPOCH);
  private static final StoredPart TWO = new StoredPart(2, 1024, "bbe6402cdc9b7e2036fc97e9a91726cd", Instant.EPOCH);

  @Test
  void etagOf_specExample_md5OfMd5sDashCount() {
    assertThat(MultipartUpload.etagOf(List.of(ONE, TWO))).isEqualTo("\"16329fb6004d64a4fbc5bbb983fa0528-2\"");
  }

  @Test
  void select_ascendingMatchingParts_inOrder() {
    assertThat(MultipartUpload.select(List.of(new RequestedPart(1, ONE.etag()), new RequestedPart(2, "\"" + TWO.md5Hex().toUpperCase() + "\"")),
        Map.of(1, ONE, 2, TWO))).containsExactly(ONE, TWO);
  }

  @Test
  void select_rulesBroken_eachItsViolation() {
    Map<Integer, StoredPart> stored = Map.of(1, ONE, 2, TWO);
    assertViolation(List.of(new RequestedPart(2, TWO.etag()), new RequestedPart(1, ONE.etag())), stored, Violation.INVALID_PART_ORDER);
    assertViolation(List.of(new RequestedPart(1, ONE.etag()), new RequestedPart(1, ONE.etag())), stored, Violation.INVALID_PART_ORDER);
    assertViolation(List.of(new RequestedPart(1, "\"00\"")), stored, Violation.INVALID_PART);
    assertViolation(List.of(new RequestedPart(3, ONE.etag())), stored, Violation.INVALID_PART);
    assertViolation(List.of(new RequestedPart(2, TWO.etag()), new RequestedPart(3, ONE.etag())), Map.of(2, TWO, 3, ONE), Violation.ENTITY_TOO_SMALL);
    assertViolation(List.of(), stored, Violation.MALFORMED);
  }

  @Test
  void requirePartNumber_outsideOneToTenThousand_invalid() {
    assertThatThrownBy(() -> MultipartUpload.requirePartNumber(0)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> MultipartUpload.requirePartNumber(10_001)).isInstanceOf(InvalidValueException.class);
    assertThat(MultipartUpload.requirePartNumber(10_000)).isEqualTo(10_000);
  }

  private static void assertViolation(List<RequestedPart> requested, Map<Integer, StoredPart> stored, Violation violation) {
    assertThatThrownBy(() -> MultipartUpload.select(requested, stored)).isInstanceOfSatisfying(MultipartRuleException.class,
        e -> assertThat(e.violation()).isEqualTo(violation));
  }
}
