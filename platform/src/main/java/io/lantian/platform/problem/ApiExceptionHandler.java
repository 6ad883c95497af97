package io.lantian.platform.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import io.lantian.platform.web.RequestTooLarge;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error a controller raises becomes an RFC 9457 problem with a stable {@code type}: Spring MVC's own
 * exceptions (through {@link ResponseEntityExceptionHandler}), bean-validation failures with the list of
 * offending fields, {@link ApiProblem}s, and, as a last resort, a 500 that does not leak internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setType(ProblemTypes.VALIDATION);
        problem.setDetail("The request has " + ex.getErrorCount() + " invalid field(s).");
        List<Map<String, Object>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(e -> Map.<String, Object>of(
                        "field", e instanceof FieldError f ? f.getField() : e.getObjectName(),
                        "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex; // the security filters answer these (403/401)
        }
        RequestTooLarge tooLarge = cause(ex, RequestTooLarge.class);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        log.error("Unhandled error on {}", request.getDescription(false), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** A body that grew too large is often wrapped by the JSON reader; look through the causes. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLarge tooLarge = cause(ex, RequestTooLarge.class);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Unreadable request body: " + firstLine(ex));
        problem.setType(ProblemTypes.VALIDATION);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** The parser's own explanation (which field, which line) without the stack of wrappers; bounded. */
    private static String firstLine(HttpMessageNotReadableException ex) {
        String message = String.valueOf(ex.getMostSpecificCause().getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || URI.create("about:blank").equals(problem.getType()))) {
            problem.setType(ProblemTypes.forStatus(statusCode));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
