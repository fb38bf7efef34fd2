package jp.anzen.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jp.anzen.gateway.problem.Problems;

/**
 * What a request must look like before it is proxied, and what the services may believe about it:
 * <ul>
 * <li>no dot segments or encoded separators in the path (a path is routed as written, never re-interpreted
 * behind the gateway);</li>
 * <li>headers within {@link GatewayConfig.Limits#headerBytes()} (larger ones than Netty accepts at all get its
 * bare 431);</li>
 * <li>a body within {@link GatewayConfig.Limits#bodyBytes()}, declared by {@code Content-Length}: a chunked body
 * of unknown length (chunked, or HTTP/2 without the header) is refused (411), because it could only be
 * measured after part of it was forwarded;</li>
 * <li>hop-by-hop headers, the headers the {@code Connection} header names, and anything a client could use to
 * pose as the gateway ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}, {@code X-Anzen-*}) are
 * removed; the gateway then says itself who called and under which host, so that services build public
 * {@code Location} headers.</li>
 * </ul>
 */
final class RequestHygiene {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "upgrade");
    private static final List<String> SPOOFABLE_PREFIXES = List.of("x-forwarded-", "x-anzen-", "x-internal-");
    private static final Set<String> SPOOFABLE = Set.of("forwarded", "x-real-ip", "x-original-url", "x-rewrite-url");
    private static final Pattern UNSAFE_PATH = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\|%00",
            Pattern.CASE_INSENSITIVE);

    private RequestHygiene() {
    }

    static void handle(RoutingContext ctx, GatewayConfig.Limits limits) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > limits.uriBytes()) {
            Problems.send(ctx, 414, "uri-too-long", "Request target too long",
                    "The path and query take " + request.uri().length() + " characters; at most " + limits.uriBytes()
                            + " are accepted. Send long filters in a body, or fewer of them.");
            return;
        }
        String rawPath = request.path();
        if (rawPath == null || UNSAFE_PATH.matcher(rawPath).find()) {
            Problems.send(ctx, 400, "invalid-path", "Invalid path",
                    "Paths may not contain dot segments, encoded dots or slashes, backslashes or NUL; ids are plain tokens.");
            return;
        }
        MultiMap headers = request.headers();
        long headerBytes = 0;
        for (Map.Entry<String, String> header : headers) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > limits.headerBytes()) {
            Problems.send(ctx, 431, "headers-too-large", "Request headers too large",
                    "The request headers take " + headerBytes + " bytes; at most " + limits.headerBytes() + " are accepted.");
            return;
        }
        String length = headers.get("Content-Length");
        if (length != null && parse(length) > limits.bodyBytes()) {
            Problems.send(ctx, 413, "payload-too-large", "Request body too large",
                    "The body declares " + length + " bytes; at most " + limits.bodyBytes() + " are accepted. Split it"
                            + " (a vendor push takes at most 500 facilities and 10,000 answers).");
            return;
        }
        boolean sendsBody = switch (request.method().name()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> headers.contains("Transfer-Encoding");
        };
        if (length == null && sendsBody) {
            Problems.send(ctx, 411, "length-required", "Length required",
                    "Send the body with a Content-Length header (at most " + limits.bodyBytes() + " bytes), not chunked.");
            return;
        }
        strip(headers);
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        headers.set("X-Forwarded-For", client);
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        ctx.next();
    }

    private static void strip(MultiMap headers) {
        Set<String> named = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll("Connection")) {
            for (String token : connection.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        Set<String> remove = new HashSet<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (named.contains(lower) || SPOOFABLE.contains(lower)
                    || SPOOFABLE_PREFIXES.stream().anyMatch(lower::startsWith)) {
                remove.add(name);
            }
        }
        remove.forEach(headers::remove);
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
