package com.rostersync.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The memory figures docs/benchmarks.md records for the four services, so the manifests' limits follow them. */
final class BenchmarkFigures {

    private static final String PEAK_RSS_ROW = "| peak RSS (whole run): extractor, mapper, publisher, monitor";

    private BenchmarkFigures() {}

    /** The largest peak RSS of each service over every run of the platform benchmark, in bytes (1 MB = 10^6 bytes). */
    static Map<String, Long> peakRssBytes() throws IOException {
        Path benchmarks = Manifests.repositoryRoot().resolve("docs/benchmarks.md");
        List<String> rows = Files.readAllLines(benchmarks).stream()
                .filter(line -> line.startsWith(PEAK_RSS_ROW))
                .toList();
        if (rows.size() != 1) {
            throw new IllegalStateException(
                    "docs/benchmarks.md: expected one row starting with '" + PEAK_RSS_ROW + "', found " + rows.size());
        }
        String[] cells = rows.get(0).split("\\|");
        Map<String, Long> peak = new LinkedHashMap<>();
        for (int cell = 2; cell < cells.length; cell++) {
            String run = cells[cell].strip();
            if (run.isEmpty()) {
                continue;
            }
            if (!run.endsWith("MB")) {
                throw new IllegalStateException("docs/benchmarks.md peak RSS cell without MB: " + run);
            }
            String[] values = run.substring(0, run.length() - 2).split(",");
            for (int i = 0; i < Manifests.SERVICES.size(); i++) {
                long bytes = Long.parseLong(values[i].strip()) * 1_000_000L;
                peak.merge(Manifests.SERVICES.get(i), bytes, Math::max);
            }
        }
        return peak;
    }
}
