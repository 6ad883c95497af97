package io.lantian.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 keep-alive connection of the ingest load, on a plain socket: {@link #post} sends a request whose
 * body the caller built (with {@link ReadingBatches.Body#HEAD_ROOM} free bytes in front of it, where the request head
 * is put, so head and body go out in one write) and reads the whole answer. Of the answer's body only the first
 * bytes are kept, enough for {@code {"accepted":N,"rejected":M,…}}; the rest is read and dropped.
 *
 * <p>Handles what a server may do on a keep-alive connection: {@code Content-Length} or chunked bodies,
 * {@code Connection: close} (Tomcat closes after a number of requests; the next post reconnects), a closed
 * connection (an {@link IOException}; the next post reconnects). Not for general use: no redirects, no
 * {@code 100 Continue}, no TLS. Not thread-safe: one per sender.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** Status and the counts of a 202 body; a count is −1 when the body does not start with them. */
    record Answer(int status, long accepted, long rejected) {
    }

    private static final int TIMEOUT_MS = 30_000;
    private static final int BODY_HEAD = 256;
    private static final byte[] ACCEPTED = "{\"accepted\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REJECTED = ",\"rejected\":".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final String headStart;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[32 * 1024];
    private int position;
    private int limit;
    private final byte[] bodyHead = new byte[BODY_HEAD];
    private int bodyHeadLength;

    KeepAliveConnection(URI url, Map<String, String> headers) {
        int port = url.getPort() < 0 ? 80 : url.getPort();
        this.address = new InetSocketAddress(url.getHost(), port);
        StringBuilder head = new StringBuilder("POST ").append(url.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost()).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        this.headStart = head.append("Content-Length: ").toString();
    }

    /**
     * Posts {@code length} bytes of {@code bytes} from {@code start} ({@code start} ≥ room for the head) and reads
     * the answer. After an {@link IOException} the connection is closed; the next post opens a new one.
     */
    Answer post(byte[] bytes, int start, int length) throws IOException {
        byte[] head = (headStart + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (head.length > start) {
            throw new IllegalArgumentException("no room for a request head of " + head.length + " bytes");
        }
        System.arraycopy(head, 0, bytes, start - head.length, head.length);
        try {
            if (socket == null) {
                connect();
            }
            out.write(bytes, start - head.length, head.length + length);
            out.flush();
            return readAnswer();
        } catch (IOException e) {
            close();
            throw e;
        } catch (RuntimeException e) {
            // an unreadable status line, length or chunk size: the connection is out of step, like an I/O error
            close();
            throw new IOException("an unreadable answer: " + e, e);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 5_000);
        s.setSoTimeout(TIMEOUT_MS);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        position = 0;
        limit = 0;
    }

    private Answer readAnswer() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close");
                default -> { }
            }
        }
        bodyHeadLength = 0;
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body(size);
                if (!line().isEmpty()) {
                    throw new IOException("a chunk does not end with CRLF");
                }
            }
            while (!line().isEmpty()) {
                // trailers: none expected, read and ignored
            }
        } else if (contentLength >= 0) {
            body(contentLength);
        } else if (status != 204 && status != 304) {
            throw new IOException("an answer with neither Content-Length nor chunked body");
        }
        if (closeAfter) {
            close();
        }
        return new Answer(status, count(ACCEPTED, 0), count(REJECTED, afterCount(ACCEPTED)));
    }

    /** Reads {@code n} body bytes, keeping the first {@link #BODY_HEAD} of the whole body. */
    private void body(long n) throws IOException {
        while (n > 0) {
            if (position == limit) {
                fill();
            }
            int take = (int) Math.min(n, limit - position);
            int keep = Math.min(take, BODY_HEAD - bodyHeadLength);
            if (keep > 0) {
                System.arraycopy(buffer, position, bodyHead, bodyHeadLength, keep);
                bodyHeadLength += keep;
            }
            position += take;
            n -= take;
        }
    }

    private long chunkSize() throws IOException {
        String line = line();
        int semicolon = line.indexOf(';');
        return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    /** The digits right after {@code name} at {@code at} in the body's first bytes, or −1. */
    private long count(byte[] name, int at) {
        if (at < 0 || at + name.length > bodyHeadLength) {
            return -1;
        }
        for (int i = 0; i < name.length; i++) {
            if (bodyHead[at + i] != name[i]) {
                return -1;
            }
        }
        int i = at + name.length;
        long value = 0;
        int digits = 0;
        while (i < bodyHeadLength && bodyHead[i] >= '0' && bodyHead[i] <= '9' && digits < 18) {
            value = value * 10 + (bodyHead[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** Where the text after the count that follows {@code name} at the body's start begins, or −1. */
    private int afterCount(byte[] name) {
        if (count(name, 0) < 0) {
            return -1;
        }
        int i = name.length;
        while (i < bodyHeadLength && bodyHead[i] >= '0' && bodyHead[i] <= '9') {
            i++;
        }
        return i;
    }

    /** One header line, without its CRLF (ISO-8859-1: header bytes as they are). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            if (line.length() > 8192) {
                throw new IOException("a header line longer than 8 KiB");
            }
            line.append((char) (b & 0xff));
        }
    }

    private void fill() throws IOException {
        position = 0;
        limit = in.read(buffer);
        if (limit <= 0) {
            limit = 0;
            throw new EOFException("the server closed the connection");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
            socket = null;
        }
    }
}
