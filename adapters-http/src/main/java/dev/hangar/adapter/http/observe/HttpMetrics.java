package dev.hangar.adapter.http.observe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpServerExchange;

/**
 * The request metrics, in Prometheus's naming. Every label value comes from a bounded set (a protocol, one of the
 * served operation names or {@code unknown}, a declared error code, a SigV4 refusal reason), so no caller can grow
 * the series, and none carries an account, a build, a name or a key.
 */
public final class HttpMetrics implements RequestObserver.Listener {
  private static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
      10, 30, 60, 300};

  private final Counter requests;
  private final Histogram duration;
  private final Counter uploadedBytes;
  private final Counter leases;
  private final Counter authRefusals;

  public HttpMetrics(PrometheusRegistry registry) {
    requests = Counter.builder().name("hangar_requests_total")
        .help("Requests answered, by protocol (json, cbor, s3, hangar), operation and error code (none when it succeeded)")
        .labelNames("protocol", "operation", "error_code").withoutExemplars().register(registry);
    duration = Histogram.builder().name("hangar_request_duration_seconds")
        .help("Time from a request's arrival to the end of its reply, by protocol and operation")
        .labelNames("protocol", "operation").classicOnly().classicUpperBounds(LATENCY_BOUNDS).withoutExemplars()
        .register(registry);
    uploadedBytes = Counter.builder().name("hangar_upload_bytes_total")
        .help("Bytes of build files stored by PutObject and UploadPart").withoutExemplars().register(registry);
    leases = Counter.builder().name("hangar_leases_issued_total")
        .help("Upload credentials issued (by CreateBuild and RequestUploadCredentials)").withoutExemplars().register(registry);
    authRefusals = Counter.builder().name("hangar_auth_refusals_total")
        .help("Requests refused by SigV4 authentication, by protocol and reason").labelNames("protocol", "reason")
        .withoutExemplars().register(registry);
  }

  /** The observer's counts of requests and uploads in flight, read at each scrape. */
  public static void registerInFlight(PrometheusRegistry registry, RequestObserver observer) {
    GaugeWithCallback.builder().name("hangar_requests_in_flight").help("Requests received and not yet answered")
        .callback(callback -> callback.call(observer.inFlight())).register(registry);
    GaugeWithCallback.builder().name("hangar_uploads_in_flight").help("PutObject and UploadPart bodies being received")
        .callback(callback -> callback.call(observer.uploadsInFlight())).register(registry);
  }

  @Override
  public void completed(HttpServerExchange exchange, RequestFacts facts, long elapsedNanos) {
    if (!facts.counted()) {
      return;
    }
    String protocol = facts.protocol();
    String operation = facts.operation();
    requests.labelValues(protocol, operation, facts.errorCode()).inc();
    duration.labelValues(protocol, operation).observe(elapsedNanos / 1e9);
    if (facts.uploadedBytes() > 0) {
      uploadedBytes.inc(facts.uploadedBytes());
    }
    if (exchange.getStatusCode() == 200 && (operation.equals("CreateBuild") || operation.equals("RequestUploadCredentials"))) {
      leases.inc();
    }
    facts.authRefusal().ifPresent(reason -> authRefusals.labelValues(protocol, reason).inc());
  }
}
