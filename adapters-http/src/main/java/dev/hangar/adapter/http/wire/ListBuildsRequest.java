package dev.hangar.adapter.http.wire;

public record ListBuildsRequest(String status, Integer limit, String nextToken) {
}
