package dev.hangar.adapter.http.wire;

/** The input of ListTagsForResource. */
public record ResourceArnRequest(String resourceARN) {
}
