package dev.hangar.adapter.filesystem;

import dev.hangar.domain.build.Tag;
import dev.hangar.domain.build.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * A build's tags as one text column, in order: each key and value as its length in UTF-16 units, a colon, and
 * the text itself ({@code 4:team3:red}). Any character may appear in a tag; the lengths keep it unambiguous.
 */
final class TagText {
  private TagText() {
  }

  static String write(Tags tags) {
    StringBuilder text = new StringBuilder();
    for (Tag tag : tags.asList()) {
      append(text, tag.key());
      append(text, tag.value());
    }
    return text.toString();
  }

  static Tags read(String text) {
    if (text.isEmpty()) {
      return Tags.NONE;
    }
    List<Tag> tags = new ArrayList<>();
    int[] at = {0};
    while (at[0] < text.length()) {
      String key = next(text, at);
      String value = next(text, at);
      tags.add(new Tag(key, value));
    }
    return Tags.of(tags);
  }

  private static void append(StringBuilder text, String part) {
    text.append(part.length()).append(':').append(part);
  }

  private static String next(String text, int[] at) {
    int colon = text.indexOf(':', at[0]);
    if (colon < 0) {
      throw new IllegalStateException("a tags column that is not in TagText's format");
    }
    int length = Integer.parseInt(text, at[0], colon, 10);
    String part = text.substring(colon + 1, colon + 1 + length);
    at[0] = colon + 1 + length;
    return part;
  }
}
