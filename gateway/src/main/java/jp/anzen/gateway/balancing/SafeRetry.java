package jp.anzen.gateway.balancing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jp.anzen.gateway.problem.Problems;

/**
 * Sends a request that is safe to repeat to another instance when the connection to the first is lost before
 * its answer (the instance died, or was stopped, while it held the request). Safe to repeat: GET and HEAD, and
 * writes that carry an {@code Idempotency-Key} (the service answers a repeat with the first outcome and stores
 * nothing twice) or an {@code If-Match} (a repeat of a write that did happen meets a changed version, 409, and
 * overwrites nothing). Their body is held in memory to be sent again (at most the gateway's body limit); every
 * other request streams through and is never repeated, since the gateway cannot know whether it took effect.
 * Once an answer has begun, nothing is repeated: the client has it.
 * <p>
 * A repeated {@code If-Match} write that meets a conflict (409 or 412) is not passed on as a refusal: the conflict
 * may be the first attempt's own success, so the client is told that the outcome is unknown (502,
 * {@code urn:anzen:problem:outcome-unknown}) and reads the resource again, rather than believing nothing was saved.
 */
final class SafeRetry implements ProxyInterceptor {

    private final int attempts;

    SafeRetry(int attempts) {
        this.attempts = attempts;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        if (attempts < 2 || !repeatable(request.proxiedRequest())) {
            return context.sendRequest();
        }
        HttpServerRequest received = request.proxiedRequest();
        String length = received.getHeader("Content-Length");
        if (length == null || length.strip().equals("0")) {
            request.setBody(null); // nothing to read: every attempt sends an empty body
            return attempt(context, 1);
        }
        Future<Buffer> body = received.body();
        received.resume();
        return body.compose(bytes -> {
            request.setBody(Body.body(bytes));
            return attempt(context, 1);
        });
    }

    private Future<ProxyResponse> attempt(ProxyContext context, int attempt) {
        return context.sendRequest()
                .compose(response -> attempt > 1 && conflictOfItsOwn(response) ? outcomeUnknown(response)
                        : Future.succeededFuture(response))
                .recover(e -> attempt < attempts && !(e instanceof BalancedOrigin.NoInstanceLeft)
                        ? attempt(context, attempt + 1)
                        : Future.failedFuture(e));
    }

    /** A conflict met by a repeat that only {@code If-Match} made safe: possibly the first attempt's own write. */
    private static boolean conflictOfItsOwn(ProxyResponse response) {
        var headers = response.request().proxiedRequest().headers();
        int status = response.getStatusCode();
        return (status == 409 || status == 412) && headers.contains("If-Match") && !headers.contains("Idempotency-Key");
    }

    /** Drains the conflict's body (the connection stays usable) and answers 502 in its place. */
    private static Future<ProxyResponse> outcomeUnknown(ProxyResponse response) {
        Promise<ProxyResponse> drained = Promise.promise();
        Body upstream = response.getBody();
        if (upstream == null) {
            drained.complete(response);
        } else {
            ReadStream<Buffer> stream = upstream.stream();
            stream.exceptionHandler(e -> drained.tryComplete(response));
            stream.endHandler(v -> drained.tryComplete(response));
            stream.handler(ignored -> { });
            stream.resume();
        }
        return drained.future().map(r -> {
            String problem = new JsonObject().put("type", "urn:anzen:problem:outcome-unknown")
                    .put("title", "Outcome unknown")
                    .put("status", 502)
                    .put("detail", "The connection to the service was lost while it held this write, and a repeat met "
                            + "a changed version: the first attempt may have been saved. Read the resource again "
                            + "before you write it once more.")
                    .encode();
            r.headers().clear();
            return r.setStatusCode(502).setStatusMessage("Bad Gateway").putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .setBody(Body.body(Buffer.buffer(problem)));
        });
    }

    static boolean repeatable(HttpServerRequest request) {
        HttpMethod method = request.method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD
                || request.headers().contains("Idempotency-Key") || request.headers().contains("If-Match");
    }
}
