package jp.anzen.servers.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** Waiting for servers, and picking free loopback ports for them. */
public final class Readiness {

    public static final String LOOPBACK = "127.0.0.1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Readiness() {
    }

    /**
     * A port free now on 127.0.0.1 that this process has not handed out before. Asked twice in a row, the system may
     * give the same free port twice: once Kafka's broker and controller got the same one and Kafka refused to start.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " that was not handed out already");
    }

    public static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean httpOk(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Polls until {@code ready} holds; {@code alive} is checked between polls so that a server that
     * crashed fails at once instead of after the whole timeout.
     */
    public static void await(String what, Duration timeout, Runnable alive, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            alive.run();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not ready within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
