package com.rostersync.kernel.task;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services' own pools and timers, from the builders Boot configures with {@code spring.task.*}. */
@Configuration(proxyBeanMethods = false)
public class ServiceThreadsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceThreads serviceThreads(
            ObjectProvider<ThreadPoolTaskExecutorBuilder> executors,
            ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulers) {
        return new ServiceThreads(
                executors.getIfAvailable(ThreadPoolTaskExecutorBuilder::new),
                schedulers.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new));
    }
}
