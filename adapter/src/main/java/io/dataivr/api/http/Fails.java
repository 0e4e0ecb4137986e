package io.dataivr.api.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal an endpoint may answer with: an HTTP status and the stable codes of the problem details it
 * carries (docs/protocol.md, Errors; docs/sign-in.md, Problem codes). On a controller it applies to each of
 * its endpoints, before the endpoint's own. {@link ProblemResponses} writes them into the OpenAPI document,
 * one response a status, with the problem detail's schema; a test holds every code to the docs' tables.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(Fails.List.class)
public @interface Fails {

    int status();

    /** The codes, each as the docs' tables name it. */
    String[] codes();

    /** When the codes are given, in a few words (optional). */
    String when() default "";

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        Fails[] value();
    }
}
