package com.rostersync.monitor.mail;

import java.util.List;

/** One rendered incident e-mail: its recipients, subject, and the same content as plain text and HTML. */
record IncidentMail(List<String> to, String subject, String text, String html) {}
