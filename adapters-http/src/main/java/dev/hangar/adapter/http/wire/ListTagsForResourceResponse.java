package dev.hangar.adapter.http.wire;

import java.util.List;

public record ListTagsForResourceResponse(List<TagShape> tags) {
}
