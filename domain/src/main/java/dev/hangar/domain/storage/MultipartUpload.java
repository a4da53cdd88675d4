package dev.hangar.domain.storage;

import dev.hangar.domain.failure.InvalidValueException;
import dev.hangar.domain.failure.MultipartRuleException;
import dev.hangar.domain.failure.MultipartRuleException.Violation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * S3's multipart rules: part numbers 1 to 10,000; a completion lists parts in ascending order, each with
 * the ETag of a part that was uploaded; every part but the last is at least 5 MiB; the object's ETag is
 * the MD5 of the parts' binary MD5s, then "-" and the number of parts.
 */
public final class MultipartUpload {
  public static final int MAX_PARTS = 10_000;
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** A part as a completion request names it. */
  public record RequestedPart(int partNumber, String etag) {
  }

  private MultipartUpload() {
  }

  public static int requirePartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw new InvalidValueException("partNumber", Integer.toString(partNumber),
          "Part number must be an integer between 1 and " + MAX_PARTS + ", inclusive");
    }
    return partNumber;
  }

  /** The stored parts a completion selects, in order, after checking every rule. */
  public static List<StoredPart> select(List<RequestedPart> requested, Map<Integer, StoredPart> stored) {
    if (requested.isEmpty()) {
      throw new MultipartRuleException(Violation.MALFORMED, "The XML you provided was not well-formed or did not validate against our published schema");
    }
    List<StoredPart> selected = new ArrayList<>(requested.size());
    int previous = 0;
    for (RequestedPart part : requested) {
      if (part.partNumber() <= previous) {
        throw new MultipartRuleException(Violation.INVALID_PART_ORDER, "The list of parts was not in ascending order. "
            + "Parts must be ordered by part number.");
      }
      previous = part.partNumber();
      StoredPart found = stored.get(part.partNumber());
      if (found == null || !sameEtag(found.md5Hex(), part.etag())) {
        throw new MultipartRuleException(Violation.INVALID_PART, "One or more of the specified parts could not be found. The part may "
            + "not have been uploaded, or the specified entity tag may not match the part's entity tag.");
      }
      selected.add(found);
    }
    for (int i = 0; i < selected.size() - 1; i++) {
      if (selected.get(i).size() < MIN_PART_SIZE) {
        throw new MultipartRuleException(Violation.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed size");
      }
    }
    return selected;
  }

  /** {@code "<hex md5 of the concatenated binary part MD5s>-<parts>"}, quoted. */
  public static String etagOf(List<StoredPart> parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (StoredPart part : parts) {
        md5.update(HexFormat.of().parseHex(part.md5Hex()));
      }
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private static boolean sameEtag(String md5Hex, String requested) {
    if (requested == null) {
      return false;
    }
    String bare = requested.trim();
    if (bare.startsWith("\"") && bare.endsWith("\"") && bare.length() >= 2) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return bare.equalsIgnoreCase(md5Hex);
  }
}
