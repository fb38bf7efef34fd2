package jp.anzen.requirements.profile;

import java.util.List;

/**
 * The import format of a service profile ({@code format: anzen-service-profile/1}): how a provider's
 * service covers one framework version, per requirement key: {@code provider} (the provider fulfils it),
 * {@code shared}, or {@code facility} (left to the facility).
 */
public record ServiceProfileBundle(String format, String id, String version, String provider, String service,
        Boolean example, FrameworkRef framework, String notes, List<String> sourceUrls, List<Coverage> coverage) {

    public static final String FORMAT = "anzen-service-profile/1";

    public record FrameworkRef(String id, String version) {
    }

    public record Coverage(String requirement, String responsibility, String note) {
    }
}
