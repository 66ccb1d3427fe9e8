package dev.tenantry.infra.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * Problem {@code type} URIs are part of the API contract: clients branch on them, so a code, once published,
 * keeps its meaning. The base URI identifies; it need not resolve.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://tenantry.dev/problems/";

    private Problems() {
    }

    public static URI type(String code) {
        return URI.create(TYPE_BASE + code);
    }

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }
}
