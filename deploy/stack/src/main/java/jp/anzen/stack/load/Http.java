package jp.anzen.stack.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small JSON-over-HTTP client for the load tool (HTTP/1.1, pooled), failing loudly on unexpected statuses during set-up. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadLocal<byte[]> readBuffer = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    HttpResponse<String> send(String method, String url, String token, String json, String... headers) {
        try {
            return client.send(request(method, url, token, json, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String url, String token, String json, String... headers) {
        return client.sendAsync(request(method, url, token, json, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** A large read, taken to its last byte: the status, the bytes and whether the body ended like a JSON document. */
    record Read(int status, long bytes, boolean endsLikeJson) {
    }

    /**
     * A GET whose body is read to the last byte without being decoded, on a connection kept alive between calls. For
     * the timed reads of multi-megabyte reports: read into a String by the client above, one 2.3 MB summary cost the
     * load tool 11.5 to 14.5 ms of CPU and a share of its collections, all of it inside the measured time and on the
     * cores the suite was using (3.3 to 3.8 ms this way; see README, Performance).
     */
    Read readThrough(String url, String token) {
        try {
            return readToEnd(open(url, token));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        }
    }

    /**
     * A POST of bytes encoded beforehand, the answer's body read to its last byte and not decoded, on a connection
     * kept alive between calls: for the timed vendor pushes, whose 40 KB bodies the client above encoded and whose
     * answers it decoded on the cores the suite was using, inside the measured time (see README, Performance).
     * Returns the status.
     */
    int post(String url, String token, byte[] json, String... headers) {
        try {
            HttpURLConnection connection = open(url, token);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(json.length);
            connection.setRequestProperty("Content-Type", "application/json");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                connection.setRequestProperty(headers[i], headers[i + 1]);
            }
            try (var out = connection.getOutputStream()) {
                out.write(json);
            }
            return readToEnd(connection).status();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed", e);
        }
    }

    private static HttpURLConnection open(String url, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        return connection;
    }

    /** The answer's body to its end, so that the connection goes back to the pool for the next call. */
    private Read readToEnd(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        long bytes = 0;
        int last = -1;
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                byte[] buffer = readBuffer.get();
                for (int n; (n = body.read(buffer)) >= 0;) {
                    if (n > 0) {
                        bytes += n;
                        last = buffer[n - 1];
                    }
                }
            }
        }
        return new Read(status, bytes, last == '}');
    }

    /** Sends and insists on one of the expected statuses. */
    String expect(String method, String url, String token, String json, int... statuses) {
        HttpResponse<String> response = send(method, url, token, json);
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }

    private static HttpRequest request(String method, String url, String token, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }
}
