package dev.hangar.adapter.http.wire;

/** An empty structure: the output of TagResource and UntagResource, written as {@code {}}. */
public record EmptyShape() {
  public static final EmptyShape INSTANCE = new EmptyShape();
}
