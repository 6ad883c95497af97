package io.lantian.platform.web;

import io.lantian.platform.problem.ProblemResponses;
import io.lantian.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Bounds request bodies: refused with 413 before reading when the declared Content-Length is too large,
 * and cut off with {@link RequestTooLarge} (answered 413) when a body without a declared length grows past
 * the limit while being read. Streaming uploads (CSV imports) have their own, larger limit.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Set<String> streamingPaths;
    private final long maxStreamingBytes;
    private final ProblemResponses problems;

    public RequestSizeLimitFilter(long maxBytes, Set<String> streamingPaths, long maxStreamingBytes,
                                  ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.streamingPaths = Set.copyOf(streamingPaths);
        this.maxStreamingBytes = maxStreamingBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = streamingPaths.contains(request.getRequestURI()) ? maxStreamingBytes : maxBytes;
        long length = request.getContentLengthLong();
        if (length > limit) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request body has " + length + " bytes; the limit is " + limit + ".");
            return;
        }
        chain.doFilter(length >= 0 ? request : new Limited(request, limit), response);
    }

    /** Counts what is read of a body of unknown length. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > limit) {
                            throw new RequestTooLarge(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
