package dev.hangar.adapter.http.wire;

import java.util.List;

public record TagResourceRequest(String resourceARN, List<TagShape> tags) {
}
