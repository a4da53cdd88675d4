package dev.hangar.adapter.http.wire;

import java.util.List;

public record UntagResourceRequest(String resourceARN, List<String> tagKeys) {
}
