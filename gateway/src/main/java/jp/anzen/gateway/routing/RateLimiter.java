package jp.anzen.gateway.routing;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jp.anzen.gateway.problem.Problems;

/**
 * A token bucket per caller (the token's client and subject): over the limit a request gets 429 with
 * Retry-After and never reaches a service. Vendor systems, which push in bursts, have a larger budget.
 */
@Singleton
public class RateLimiter {

    private final GatewayConfig.RateLimit limits;
    // idle callers are forgotten, so that the map cannot grow without bound
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    public RateLimiter(GatewayConfig config) {
        this.limits = config.rateLimit();
    }

    void handle(RoutingContext ctx) {
        SecurityIdentity identity = ((QuarkusHttpUser) ctx.user()).getSecurityIdentity();
        boolean vendor = identity.hasRole("vendor-system");
        String caller = callerKey(identity);
        Bucket bucket = buckets.get(caller, key -> vendor ? bucket(limits.vendorRequestsPerSecond(), limits.vendorBurst())
                : bucket(limits.requestsPerSecond(), limits.burst()));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            ctx.next();
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(ctx, 429, "rate-limited", "Too many requests",
                "This client sends more than its limit of requests; retry after " + seconds + " s.");
    }

    static String callerKey(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return token.getClaim("azp") + "/" + token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private static Bucket bucket(int perSecond, int burst) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
