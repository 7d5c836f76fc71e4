package com.rostersync.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (Kafka's own server classes, broker and controller in one node) whose log directory lives
 * in a folder that outlives the process. The folder is formatted once, at the first start; later starts find its
 * {@code meta.properties} and keep the cluster id, topics, committed offsets and compacted state, so the services
 * resume where they stopped. The quorum is static (one voter, from the configuration), so the listener ports may
 * differ from one start to the next.
 */
final class PersistentKafkaBroker implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 5;

    private final KafkaRaftServer server;
    private final int port;

    private PersistentKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Formats {@code folder} if it holds no broker data yet, then starts the broker on {@code port} (0: any free). */
    static PersistentKafkaBroker start(Path folder, int port, int partitions) {
        return start(folder, port, partitions, PersistentKafkaBroker::freePort);
    }

    /**
     * A port found free can be taken before the broker binds it: the broker's own connections to its controller, made
     * between the two binds, take their local ports from the same range. So a start on ports this method chose is
     * tried again on other ones when a bind fails; a port the caller fixed is never swapped.
     */
    static PersistentKafkaBroker start(Path folder, int port, int partitions, IntSupplier freePorts) {
        Path data = folder.toAbsolutePath().resolve("data");
        for (int attempt = 1; ; attempt++) {
            int brokerPort = port != 0 ? port : freePorts.getAsInt();
            int controllerPort = freePorts.getAsInt();
            Properties config = config(data, brokerPort, controllerPort, partitions);
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(folder, config);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            try {
                server.startup();
                return new PersistentKafkaBroker(server, brokerPort);
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                if (port != 0 || attempt == BIND_ATTEMPTS || !failedToBind(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean failedToBind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private static Properties config(Path data, int brokerPort, int controllerPort, int partitions) {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.setProperty(
                "listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.setProperty("log.dirs", data.toString());
        config.setProperty("num.partitions", String.valueOf(partitions));
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "5");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("transaction.state.log.num.partitions", "5");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** Kafka's own {@code kafka-storage format}, run in this JVM; its output is kept only for the error message. */
    private static void format(Path folder, Properties config) {
        Path file = folder.toAbsolutePath().resolve("server.properties");
        try {
            Files.createDirectories(folder);
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "the local stack's broker, as formatted at its first start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()}, print);
        }
        if (status != 0) {
            throw new IllegalStateException("cannot format the Kafka data folder " + folder + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** A port nothing listens on now; it may be taken before it is bound, as {@link #start} knows. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
