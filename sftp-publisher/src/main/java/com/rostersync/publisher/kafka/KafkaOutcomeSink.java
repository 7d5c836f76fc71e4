package com.rostersync.publisher.kafka;

import com.rostersync.events.Topics;
import com.rostersync.events.outcome.SyncOutcome;
import com.rostersync.events.run.RunRecorded;
import com.rostersync.publisher.publish.OutcomeSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends outcomes to {@link Topics#OUTCOMES} and runs to {@link Topics#RUNS}, keyed by the tenant as every stage does, so a district's outcomes stay in
 * order and reach the one monitor instance that answers for the district.
 */
@Component
class KafkaOutcomeSink implements OutcomeSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutcomeSink.class);

    private final KafkaTemplate<Object, Object> template;

    KafkaOutcomeSink(KafkaTemplate<Object, Object> template) {
        this.template = template;
    }

    @Override
    public void send(SyncOutcome outcome) {
        template.send(Topics.OUTCOMES, outcome.tenantId(), outcome).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "Outcome {} for destination {} was not sent: {}",
                        outcome.reason(),
                        outcome.destinationId(),
                        failure.getMessage());
            }
        });
    }

    @Override
    public void record(RunRecorded run) {
        template.send(Topics.RUNS, run.tenantId(), run).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error(
                        "Run {} of destination {} was not recorded: {}",
                        run.reason(),
                        run.destinationId(),
                        failure.getMessage());
            }
        });
    }
}
