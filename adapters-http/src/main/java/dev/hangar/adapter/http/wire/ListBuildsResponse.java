package dev.hangar.adapter.http.wire;

import java.util.List;

public record ListBuildsResponse(List<BuildShape> builds, String nextToken) {
}
