package io.lantian.platform.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Throw from a controller or service to answer with a problem of a given type, e.g. a revision conflict. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String typeSlug, String title, String detail) {
        super(status, problem(status, typeSlug, title, detail), null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not Found", detail);
    }

    public static ApiProblem conflict(String typeSlug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, typeSlug, "Conflict", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String typeSlug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(typeSlug));
        problem.setTitle(title);
        return problem;
    }
}
