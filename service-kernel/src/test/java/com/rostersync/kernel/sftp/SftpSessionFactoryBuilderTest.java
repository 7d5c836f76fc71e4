package com.rostersync.kernel.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rostersync.kernel.sftp.SftpSessionFactoryBuilder.SftpLogin;
import com.rostersync.testsupport.SftpTestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.integration.sftp.session.SftpSession;

/** The SSH sessions every service opens, against a real SFTP server (MINA SSHD). */
class SftpSessionFactoryBuilderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void agreesOnAesGcmWithAServerThatOffersTheClientsUsualCiphers() throws Exception {
        try (SftpTestServer sftp = SftpTestServer.start(dir.resolve("sftp"), dir.resolve("hostkey.ser"))
                .withPasswordUser("anne", "pw")) {
            assertThat(negotiatedCiphers(sftp)).isEqualTo("aes128-gcm@openssh.com aes128-gcm@openssh.com");
        }
    }

    @Test
    void stillConnectsToAServerWithoutAesGcm() throws Exception {
        try (SftpTestServer sftp = SftpTestServer.start(dir.resolve("sftp"), dir.resolve("hostkey.ser"))
                .withPasswordUser("anne", "pw")
                .offeringOnlyCiphers("chacha20-poly1305@openssh.com", "aes256-ctr")) {
            assertThat(negotiatedCiphers(sftp))
                    .isEqualTo("chacha20-poly1305@openssh.com chacha20-poly1305@openssh.com");
        }
    }

    @Test
    void refusesAKeepAliveThatTheReadTimeoutWouldOutrun() {
        SftpLogin login = new SftpLogin("127.0.0.1", 22, "anne", "[127.0.0.1]:22 ssh-ed25519 AAAA");
        assertThatThrownBy(() ->
                        SftpSessionFactoryBuilder.build(login, SftpCredentials.password("pw"), WAIT, WAIT, WAIT, WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep-alive interval");
    }

    /** The ciphers the session agreed on, client to server and back, after a real directory listing. */
    private static String negotiatedCiphers(SftpTestServer sftp) throws Exception {
        DefaultSftpSessionFactory factory = SftpSessionFactoryBuilder.build(
                new SftpLogin(sftp.host(), sftp.port(), "anne", sftp.knownHostsLine()),
                SftpCredentials.password("pw"),
                WAIT,
                WAIT,
                WAIT);
        try (SftpSession session = factory.getSession()) {
            assertThat(session.list(".")).isNotNull();
            SftpClient client = session.getClientInstance();
            Session ssh = client.getClientSession();
            return ssh.getNegotiatedKexParameter(KexProposalOption.C2SENC) + " "
                    + ssh.getNegotiatedKexParameter(KexProposalOption.S2CENC);
        } finally {
            factory.destroy();
        }
    }
}
