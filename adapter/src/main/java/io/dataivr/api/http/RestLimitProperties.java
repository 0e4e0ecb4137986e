package io.dataivr.api.http;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the REST API (keys commented in application.yml; docs/protocol.md, "Limits of a connection").
 *
 * @param maxBodyBytes              largest request body under /api/v1 (the WebSocket's frame limit);
 *                                  bigger ones get 413 FRAME_TOO_LARGE
 * @param adminMaxBodyBytes         the same under /api/v1/admin, where menu files are published
 * @param sessionRequestsPerSecond  sustained requests per second on one REST session
 * @param sessionBurst              how many requests on one session may come at once
 * @param openRequestsPerSecond     sustained session openings and demo tokens per remote address
 * @param openBurst                 how many of those may come at once from one address
 * @param maxTrackedKeys            most sessions plus addresses tracked at once (idle ones are dropped)
 */
@Validated
@ConfigurationProperties("dataivr.rest")
record RestLimitProperties(@Min(256) @Max(64 * 1024 * 1024) int maxBodyBytes,
        @Min(256) @Max(64 * 1024 * 1024) int adminMaxBodyBytes,
        @Positive double sessionRequestsPerSecond, @Min(1) int sessionBurst,
        @Positive double openRequestsPerSecond, @Min(1) int openBurst,
        @Min(16) int maxTrackedKeys) {
}
