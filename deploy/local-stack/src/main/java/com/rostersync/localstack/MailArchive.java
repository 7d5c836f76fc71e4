package com.rostersync.localstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in mail relay: a GreenMail SMTP server whose every received mail is kept as {@code <n>.eml} in a folder,
 * so a developer opens what the district leaders would get in any mail client. A mail to several leaders is stored
 * once (GreenMail keeps one copy per recipient; they share a Message-ID).
 */
final class MailArchive implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailArchive.class);

    private final GreenMail greenMail;
    private final Path folder;
    private final Set<String> saved = new HashSet<>();
    private final AtomicInteger count = new AtomicInteger();
    /** The last file number used, counting the mails an earlier start kept in the same folder. */
    private final AtomicInteger number = new AtomicInteger();

    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-archive");
        thread.setDaemon(true);
        return thread;
    });

    private MailArchive(GreenMail greenMail, Path folder, int earlier) {
        this.greenMail = greenMail;
        this.folder = folder;
        this.number.set(earlier);
    }

    static MailArchive start(Path folder, int port) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        greenMail.start();
        MailArchive archive = new MailArchive(greenMail, folder, lastNumberIn(folder));
        archive.saver.scheduleWithFixedDelay(archive::saveNew, 200, 200, TimeUnit.MILLISECONDS);
        return archive;
    }

    /** The highest {@code <n>.eml} already in the folder, so mails of a kept folder are never overwritten. */
    private static int lastNumberIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("[0-9]+\\.eml"))
                    .mapToInt(name -> Integer.parseInt(name.substring(0, name.length() - ".eml".length())))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    int saved() {
        return count.get();
    }

    synchronized void saveNew() {
        try {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                String id = message.getMessageID();
                if (id == null || saved.add(id)) {
                    count.incrementAndGet();
                    Path file = folder.resolve(number.incrementAndGet() + ".eml");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        message.writeTo(out);
                    }
                }
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            log.warn("could not save a received mail: {}", e.toString());
        }
    }

    @Override
    public void close() {
        saver.shutdownNow();
        saveNew();
        greenMail.stop();
    }
}
