package io.lantian.ingest.reading;

import io.lantian.platform.problem.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused batch is 503 (broker unavailable) or 429 (overloaded), with {@code Retry-After}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeRefusedHandler {

    @ExceptionHandler(IntakeRefused.class)
    ResponseEntity<ProblemDetail> refused(IntakeRefused e) {
        HttpStatus status = e.kind() == IntakeRefused.Kind.OVERLOADED ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(e.kind() == IntakeRefused.Kind.OVERLOADED ? ProblemTypes.of("overloaded") : ProblemTypes.UNAVAILABLE);
        return ResponseEntity.status(status).header("Retry-After", String.valueOf(e.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
