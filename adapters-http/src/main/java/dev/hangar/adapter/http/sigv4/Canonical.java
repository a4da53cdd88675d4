package dev.hangar.adapter.http.sigv4;

import dev.hangar.adapter.http.uri.RequestTarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The pieces of SigV4: URI encoding, canonical URI, query and header values, hashing and HMAC. */
public final class Canonical {
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
  private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
  public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> Digests.of("SHA-256"));
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  });

  private Canonical() {
  }

  /** SigV4's URI encoding: every byte but {@code A-Z a-z 0-9 - . _ ~} as %XY (upper case); '/' kept when asked. */
  public static String uriEncode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~' || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * The canonical URI. For S3 the path is taken as sent (each segment decoded and encoded again, which
   * gives back what SDKs send); for every other service dot segments are removed, repeated slashes
   * collapsed, and the path as received is encoded once more.
   */
  public static String canonicalUri(String rawPath, boolean normalize) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (!normalize) {
      String[] segments = path.split("/", -1);
      StringBuilder out = new StringBuilder(path.length() + 8);
      for (int i = 0; i < segments.length; i++) {
        if (i > 0) {
          out.append('/');
        }
        out.append(uriEncode(RequestTarget.percentDecode(segments[i]), false));
      }
      return out.toString();
    }
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(segment);
      }
    }
    StringBuilder out = new StringBuilder("/");
    out.append(String.join("/", kept));
    boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
    if (trailing && !kept.isEmpty()) {
      out.append('/');
    }
    return uriEncode(out.toString(), true);
  }

  /**
   * The canonical query: parameters split on '&' and on the first '=', decoded, encoded again, sorted by
   * name then value. {@code dropSignature} leaves out X-Amz-Signature (presigned requests).
   */
  public static String canonicalQuery(RequestTarget target, boolean dropSignature) {
    if (target.rawQuery().isEmpty()) {
      return "";
    }
    List<String[]> params = new ArrayList<>();
    for (RequestTarget.Parameter parameter : target.parameters()) {
      String name = uriEncode(parameter.name(), false);
      if (dropSignature && name.equals("X-Amz-Signature")) {
        continue;
      }
      params.add(new String[] {name, uriEncode(parameter.value(), false)});
    }
    params.sort((a, b) -> {
      int byName = a[0].compareTo(b[0]);
      return byName != 0 ? byName : a[1].compareTo(b[1]);
    });
    StringBuilder out = new StringBuilder(target.rawQuery().length() + 16);
    for (String[] param : params) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(param[0]).append('=').append(param[1]);
    }
    return out.toString();
  }

  /** A header's canonical value: each occurrence trimmed with inner whitespace runs collapsed, joined with ','. */
  public static String canonicalHeaderValue(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String value = values.get(i);
      boolean space = false;
      int start = out.length();
      for (int j = 0; j < value.length(); j++) {
        char c = value.charAt(j);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          space = out.length() > start;
        } else {
          if (space) {
            out.append(' ');
            space = false;
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  public static String sha256Hex(byte[] data) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return hex(digest.digest(data));
  }

  public static String sha256Hex(String data) {
    return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] hmac(byte[] key, String data) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an HMAC key of any length is valid", e);
    }
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
  public static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = hmac(kDate, region);
    byte[] kService = hmac(kRegion, service);
    return hmac(kService, "aws4_request");
  }

  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX_LOWER[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX_LOWER[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
