package io.lantian.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * Writes problem details where no controller runs: the security filters (401, 403), the request-size
 * filter (413) and the servlet error page.
 */
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
                      String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, e) -> {
            // RFC 6750: tell the client which scheme to use
            response.setHeader("WWW-Authenticate", "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                    "A valid bearer token is required: " + e.getMessage());
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "The token's roles do not allow this request.");
    }
}
