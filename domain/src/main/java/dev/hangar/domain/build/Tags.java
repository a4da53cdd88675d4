package dev.hangar.domain.build;

import dev.hangar.domain.failure.InvalidTagException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tags of one resource: at most 50, one value per key, in the order they were first added. */
public final class Tags {
  public static final int MAX_PER_RESOURCE = 50;
  public static final Tags NONE = new Tags(Map.of());

  private final Map<String, String> byKey;

  private Tags(Map<String, String> byKey) {
    this.byKey = byKey;
  }

  /** Tags given in one request: no key twice, at most {@value #MAX_PER_RESOURCE}. */
  public static Tags of(List<Tag> tags) {
    return NONE.with(tags);
  }

  /** These tags with {@code added} set: an existing key takes the new value. */
  public Tags with(List<Tag> added) {
    Set<String> seen = new HashSet<>();
    Map<String, String> next = new LinkedHashMap<>(byKey);
    for (Tag tag : added) {
      if (!seen.add(tag.key())) {
        throw new InvalidTagException("Tag key '" + tag.key() + "' appears more than once in the request");
      }
      next.put(tag.key(), tag.value());
    }
    if (next.size() > MAX_PER_RESOURCE) {
      throw new InvalidTagException("A resource can have at most " + MAX_PER_RESOURCE
          + " tags; this request would leave " + next.size());
    }
    return new Tags(Collections.unmodifiableMap(next));
  }

  /** These tags without {@code keys}; keys that are not present are ignored, reserved ones refused. */
  public Tags without(Collection<String> keys) {
    Map<String, String> next = new LinkedHashMap<>(byKey);
    for (String key : keys) {
      next.remove(Tag.requireUsableKey(key));
    }
    return new Tags(Collections.unmodifiableMap(next));
  }

  public List<Tag> asList() {
    return byKey.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }

  public int size() {
    return byKey.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tags tags && byKey.equals(tags.byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }

  @Override
  public String toString() {
    return "Tags" + byKey;
  }
}
