package dev.hangar.bootstrap.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Rewrites what the SDK sends, before it signs it: a raw body, or another X-Amz-Target. */
public final class RewriteInterceptor implements ExecutionInterceptor {
  private final String body;
  private final String target;

  public RewriteInterceptor(String body, String target) {
    this.body = body;
    this.target = target;
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest.Builder request = context.httpRequest().toBuilder();
    if (body != null) {
      request.putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    }
    if (target != null) {
      request.putHeader("X-Amz-Target", target);
    }
    return request.build();
  }

  @Override
  public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    return body == null ? context.requestBody() : Optional.of(RequestBody.fromString(body, StandardCharsets.UTF_8));
  }
}
