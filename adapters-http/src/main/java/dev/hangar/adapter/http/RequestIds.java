package dev.hangar.adapter.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in the shape AWS uses (a UUID), without the contention of {@code UUID.randomUUID()}. */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {
  }

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong();
    char[] out = new char[36];
    int pos = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[pos++] = '-';
      }
      long word = i < 16 ? high : low;
      int shift = 60 - 4 * (i % 16);
      out[pos++] = HEX[(int) (word >>> shift) & 0xF];
    }
    return new String(out);
  }
}
