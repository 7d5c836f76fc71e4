package com.rostersync.extractor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rostersync.events.EntityType;
import com.rostersync.events.outcome.OutcomeReason;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.roster.School;
import com.rostersync.extractor.change.Change;
import com.rostersync.extractor.change.ChangeDetector;
import com.rostersync.extractor.change.ContentHasher;
import com.rostersync.extractor.change.HashState;
import com.rostersync.extractor.source.SourceFailure;
import com.rostersync.extractor.source.SourceRead;
import com.rostersync.extractor.support.Tenants;
import com.rostersync.tenants.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an operator reads: a failing source once when it starts failing and once when it recovers, not per cycle. */
class TenantCycleLoggingTest {

    final Tenant tenant = Tenants.folderDrop("t", "/unused", List.of("S1"));
    final AtomicBoolean sourceDown = new AtomicBoolean();
    final AtomicBoolean interruptSends = new AtomicBoolean();
    final Logger logger = (Logger) LoggerFactory.getLogger(TenantCycle.class);
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final TenantCycle cycle = new TenantCycle(
            t -> tenant -> {
                if (sourceDown.get()) {
                    throw new SourceFailure(OutcomeReason.SOURCE_UNAVAILABLE, "connection refused");
                }
                return new SourceRead(
                        Map.of("S1", List.of(new School("S1", "One", null, null, null))),
                        Set.of("S1"),
                        Set.of(),
                        Map.of(),
                        List.of(),
                        Map.of(EntityType.SCHOOL, 1L));
            },
            new ChangeDetector(new ContentHasher()::hash),
            new HashState(),
            new CyclePublisher() {
                @Override
                public CompletableFuture<Void> publishChanges(
                        String tenantId, String schoolId, List<com.rostersync.events.cycle.RosterChangeEvent> e) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletableFuture<Void> recordState(String tenantId, String schoolId, List<Change> changes) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletableFuture<Void> publishOutcome(SyncOutcome outcome) {
                    if (interruptSends.get()) {
                        Thread.currentThread().interrupt(); // what stopping the extractor's pool does meanwhile
                        throw new IllegalStateException("interrupted while sending the outcome");
                    }
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletableFuture<Void> publishRun(com.rostersync.events.run.RunRecorded run) {
                    return CompletableFuture.completedFuture(null);
                }
            },
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            Duration.ofSeconds(5),
            Duration.ZERO);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
        Thread.interrupted();
    }

    @Test
    void aFailingSourceWarnsOnceAndSaysOnceWhenItRecovers() {
        sourceDown.set(true);
        for (int i = 0; i < 5; i++) {
            cycle.run(tenant);
        }
        sourceDown.set(false);
        cycle.run(tenant);
        cycle.run(tenant);

        assertThat(at(Level.WARN)).singleElement().asString().contains("SOURCE_UNAVAILABLE");
        assertThat(at(Level.DEBUG)).hasSize(4);
        assertThat(at(Level.INFO))
                .as("the recovery once, and the one cycle that published something")
                .satisfiesExactly(line -> assertThat(line).contains("readable again"), line -> assertThat(line)
                        .contains("published 1 upserted and 0 deleted records of 1 school(s)"));
        assertThat(at(Level.ERROR)).isEmpty();
    }

    @Test
    void anOutcomeCutOffByAStopIsNoError() {
        interruptSends.set(true);
        cycle.run(tenant);

        assertThat(at(Level.ERROR)).isEmpty();
        assertThat(at(Level.INFO))
                .filteredOn(line -> line.contains("not sent"))
                .singleElement()
                .asString()
                .contains("extractor is stopping");
    }

    private List<String> at(Level level) {
        return lines.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
