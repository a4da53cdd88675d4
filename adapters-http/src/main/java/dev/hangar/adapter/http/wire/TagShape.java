package dev.hangar.adapter.http.wire;

public record TagShape(String key, String value) {
}
