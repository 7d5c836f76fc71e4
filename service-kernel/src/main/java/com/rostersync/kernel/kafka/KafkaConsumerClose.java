package com.rostersync.kernel.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * An idle consumer of ours waits long on the broker ({@code spring.kafka.consumer.fetch-max-wait}, 5 s in {@code
 * KernelDefaults}, {@link #IDLE_FETCH_WAIT}): a new record answers that wait at once, so it costs no latency, and an idle service wakes ten
 * times less often than at Kafka's 500 ms. But {@code close()} first leaves the group and then waits, up to 30 s,
 * for the fetch still in flight, which the broker answers only when its wait is over: every stop of a listener
 * container took up to the whole fetch wait. The containers call {@code close()}, so every consumer made by Boot's
 * factory closes with {@link #TIMEOUT} instead: the group is left first (a round trip to the coordinator, on its own
 * connection), and what remains of the timeout is all the fetch in flight gets.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConsumerClose {

    /** How long an idle consumer of ours waits on the broker for records (Kafka's default is 500 ms). */
    public static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(5);

    /** Enough for the LeaveGroup round trip on a busy host; the rest of a stop never waits for an idle fetch. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Bean
    DefaultKafkaConsumerFactoryCustomizer rostersyncBoundedConsumerClose() {
        return KafkaConsumerClose::boundedClose;
    }

    /** The same for a factory a service builds for a container of its own; returns {@code factory}. */
    public static <K, V> DefaultKafkaConsumerFactory<K, V> boundedClose(DefaultKafkaConsumerFactory<K, V> factory) {
        factory.addPostProcessor(KafkaConsumerClose::withBoundedClose);
        return factory;
    }

    /**
     * {@code consumer} with a close that names no timeout ({@code close()}, or Kafka Streams' {@code
     * close(CloseOptions)} with only a group operation) bounded by {@link #TIMEOUT}; every other call passes through.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Consumer<K, V> withBoundedClose(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(
                Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> close(consumer, method, args);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> invoke(consumer, method, args);
                });
    }

    private static Object close(Consumer<?, ?> consumer, Method method, Object[] args) throws Throwable {
        if (method.getParameterCount() == 0) {
            consumer.close(CloseOptions.timeout(TIMEOUT));
        } else if (args[0] instanceof CloseOptions options && options.timeout().isEmpty()) {
            consumer.close(options.withTimeout(TIMEOUT));
        } else {
            invoke(consumer, method, args);
        }
        return null;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}
