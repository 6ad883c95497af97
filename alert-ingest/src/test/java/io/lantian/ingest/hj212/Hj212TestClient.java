package io.lantian.ingest.hj212;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A station's side of the connection: a real TCP socket to the receiver. */
final class Hj212TestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    Hj212TestClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Hj212TestClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Hj212TestClient send(String segment) {
        return send(Hj212Frame.encode(segment));
    }

    /** The next frame the receiver sends, without CR LF; fails when none comes within the socket timeout. */
    String readFrame() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("the receiver closed the connection; read so far: " + line);
                }
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the receiver closes the connection within {@code timeout}, reading (and dropping) what it sends. */
    boolean closedByReceiverWithin(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            while (in.read() >= 0) {
                // answers before the close are not what this asks about
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the receiver
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
