package jp.anzen.requirements.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A source that names a site, a search or a repository rather than the document is weak. */
class SourceQualityTest {

    @Test
    void site_roots_searches_and_repository_roots_are_weak_and_documents_are_not() {
        assertThat(SourceQuality.weak(List.of(
                "https://www.mhlw.go.jp/",
                "https://www.mhlw.go.jp",
                "https://example.org/index.html",
                "https://www.google.com/search?q=%E5%8C%BB%E7%99%82",
                "https://public-comment.e-gov.go.jp/pcm/list?keyword=guideline",
                "https://github.com/BeyondHealthTech/healthlegal",
                "https://www.mhlw.go.jp/content/10808000/001716185.pdf",
                "https://wic-net.com/material/document/19102/2",
                "https://github.com/toru-oizumi/jp-medical-guidelines-mcp/blob/main/data/sources.json",
                "urn:anzen:evidence:1")))
                .containsExactly("https://www.mhlw.go.jp/", "https://www.mhlw.go.jp", "https://example.org/index.html",
                        "https://www.google.com/search?q=%E5%8C%BB%E7%99%82",
                        "https://public-comment.e-gov.go.jp/pcm/list?keyword=guideline",
                        "https://github.com/BeyondHealthTech/healthlegal");
    }
}
