package dev.tenantry.infra.apidocs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem answer of one operation beyond those every operation of its kind has (see {@link ApiDocumentation}),
 * or the problem codes it answers with under a shared status. Documented as {@code application/problem+json}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    int status();

    /** The {@code code}s this operation answers with under this status. */
    String[] codes() default {};

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        ProblemResponse[] value();
    }
}
