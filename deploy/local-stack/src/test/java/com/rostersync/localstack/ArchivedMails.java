package com.rostersync.localstack;

import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The mails the local stack's mail catcher kept as .eml files, decoded: subject, recipients and every text part. */
final class ArchivedMails {

    private ArchivedMails() {}

    record Mail(String subject, List<String> recipients, String text) {}

    static List<Mail> in(Path folder) throws Exception {
        List<Mail> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path eml : files.filter(f -> f.toString().endsWith(".eml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                try (InputStream in = Files.newInputStream(eml)) {
                    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                    Address[] to = message.getAllRecipients();
                    mails.add(new Mail(
                            String.valueOf(message.getSubject()),
                            to == null
                                    ? List.of()
                                    : Arrays.stream(to).map(Address::toString).toList(),
                            text(message)));
                }
            }
        }
        return mails;
    }

    /** Every text part of a message, decoded. */
    static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
