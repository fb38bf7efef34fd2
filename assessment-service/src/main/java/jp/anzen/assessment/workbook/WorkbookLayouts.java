package jp.anzen.assessment.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The workbook layouts Anzen knows (workbooks/index.txt): the first is the one downloads use. */
@ApplicationScoped
public class WorkbookLayouts {

    private final List<WorkbookLayout> layouts;

    public WorkbookLayouts() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        List<WorkbookLayout> found = new ArrayList<>();
        for (String file : new String(read("workbooks/index.txt"), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            try {
                found.add(yaml.readValue(read("workbooks/" + file), WorkbookLayout.class));
            } catch (IOException e) {
                throw new IllegalStateException("workbook layout " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        this.layouts = List.copyOf(found);
    }

    public WorkbookLayout download() {
        return layouts.get(0);
    }

    public List<WorkbookLayout> all() {
        return layouts;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
