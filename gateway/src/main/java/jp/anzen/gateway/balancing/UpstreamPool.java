package jp.anzen.gateway.balancing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The instances of one service and what the gateway knows of each: it asks every instance's readiness in turn
 * and sends each request to the next instance that is not DOWN. An instance that refuses a connection is DOWN at
 * once, until its readiness says UP again; an instance not asked yet counts as usable, so the first requests
 * after a start are not refused for want of a probe.
 */
public final class UpstreamPool {

    private static final Logger LOG = Logger.getLogger(UpstreamPool.class);

    public enum State { NOT_PROBED, UP, DOWN }

    /** One instance of the service. */
    public static final class Instance {
        private final URI uri;
        private final SocketAddress address;
        private volatile State state = State.NOT_PROBED;

        Instance(URI uri) {
            this.uri = uri;
            this.address = SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
        }

        public URI uri() {
            return uri;
        }

        SocketAddress address() {
            return address;
        }

        public State state() {
            return state;
        }
    }

    private final String service;
    private final List<Instance> instances;
    private final HttpClient client;
    private final AtomicInteger turn = new AtomicInteger();

    UpstreamPool(String service, List<URI> uris, HttpClient client) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException(service + " has no instance configured");
        }
        this.service = service;
        this.instances = uris.stream().map(Instance::new).toList();
        this.client = client;
    }

    public String service() {
        return service;
    }

    public List<Instance> instances() {
        return instances;
    }

    HttpClient client() {
        return client;
    }

    /**
     * The next instance in turn that has not been tried for this request and is not DOWN; a DOWN one only when no
     * other is left (its readiness may be a probe behind, and its own answer says more than the gateway could);
     * empty once every instance was tried.
     */
    Optional<Instance> choose(Set<Instance> tried) {
        int start = Math.floorMod(turn.getAndIncrement(), instances.size());
        Instance down = null;
        for (int i = 0; i < instances.size(); i++) {
            Instance candidate = instances.get((start + i) % instances.size());
            if (tried.contains(candidate)) {
                continue;
            }
            if (candidate.state != State.DOWN) {
                return Optional.of(candidate);
            }
            if (down == null) {
                down = candidate;
            }
        }
        return Optional.ofNullable(down);
    }

    /** A connection to the instance failed: no request goes there until its readiness is UP again. */
    void refused(Instance instance, Throwable why) {
        change(instance, State.DOWN, "refused a connection: " + why.getMessage());
    }

    /** Asks every instance's readiness once; a slow, refused or non-200 answer is DOWN. */
    void probe(long timeoutMillis) {
        for (Instance instance : instances) {
            RequestOptions options = new RequestOptions().setServer(instance.address).setMethod(HttpMethod.GET)
                    .setURI("/q/health/ready").setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis);
            client.request(options).compose(request -> request.send())
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .onSuccess(status -> change(instance, status == 200 ? State.UP : State.DOWN, "readiness " + status))
                    .onFailure(e -> change(instance, State.DOWN, "readiness not answered: " + e.getMessage()));
        }
    }

    /** The first instance that is UP, or else the first one. */
    public URI anyReady() {
        return instances.stream().filter(i -> i.state == State.UP).findFirst().orElse(instances.getFirst()).uri;
    }

    /** Instances whose last readiness was UP. */
    public long ready() {
        return instances.stream().filter(i -> i.state == State.UP).count();
    }

    private void change(Instance instance, State state, String why) {
        State before = instance.state;
        instance.state = state;
        if (before != state && !(before == State.NOT_PROBED && state == State.UP)) {
            LOG.infof("%s at %s is %s (%s)", service, instance.uri, state, why);
        }
    }
}
