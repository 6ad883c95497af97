package io.lantian.platform.web;

import io.lantian.platform.problem.ProblemResponses;
import io.lantian.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies above {@code lantian.http.max-request-bytes} with 413 before they are read, by the
 * declared Content-Length; chunked bodies are rejected the same way when the service declares no length.
 * Streaming uploads (CSV import) set their own, larger limit on their path.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemResponses problems;

    public RequestSizeLimitFilter(long maxBytes, ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request body has " + length + " bytes; the limit is " + maxBytes + ".");
            return;
        }
        chain.doFilter(request, response);
    }
}
