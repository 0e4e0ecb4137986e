package io.dataivr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test against the real Asterisk, PostgreSQL and Redis that {@code ./dataivr test} starts. All such
 * tests share one application context (one FastAGI server on the dialplan's port). Metrics are exported
 * as in production ({@code /actuator/prometheus}; Spring Boot's tests turn that off unless asked).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
public @interface IntegrationTest {
}
