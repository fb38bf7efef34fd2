package jp.anzen.requirements.catalogue;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Whether a source link is weak: it names a site or a search rather than the document (a site root, a search or
 * download-by-query page). Weak sources stay listed, marked, so that an editor knows which facts to source better.
 */
public final class SourceQuality {

    private SourceQuality() {
    }

    public static List<String> weak(List<String> urls) {
        return urls == null ? List.of() : urls.stream().filter(SourceQuality::isWeak).toList();
    }

    static boolean isWeak(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return false; // urn: and the like name a document, not a place
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        String query = uri.getQuery() == null ? "" : uri.getQuery().toLowerCase(Locale.ROOT);
        boolean root = path.isEmpty() || path.equals("/") || path.matches("/(index\\.html?)?");
        boolean search = path.contains("search") || query.contains("q=") || query.contains("keyword")
                || query.contains("search");
        // a GitHub repository's root names a project, not the file a fact was read in
        boolean repositoryRoot = "github.com".equals(uri.getHost()) && path.replaceAll("/+$", "").split("/").length <= 3;
        return root || search || repositoryRoot;
    }
}
