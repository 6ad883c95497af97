package io.lantian.platform.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    final SecretBox box = new SecretBox(SecretBox.newKey());

    @Test
    void sealsSoThatOnlyTheSameKeyOpens() {
        String secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0 whsec_b2xkLW9sZC1vbGQtb2xkLW9sZC1vbGQtb2xk";

        String sealed = box.seal(secret);

        assertThat(sealed).startsWith("v1:").doesNotContain("whsec_").doesNotContain("c2VjcmV0");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(SecretBox.isSealed(secret)).isFalse();
        assertThat(box.open(sealed)).isEqualTo(secret);
        assertThat(box.seal(secret)).as("a fresh nonce per value").isNotEqualTo(sealed);
        assertThatThrownBy(() -> new SecretBox(SecretBox.newKey()).open(sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another key");
    }

    @Test
    void anAlteredValueIsRefused() {
        byte[] bytes = Base64.getDecoder().decode(box.seal("whsec_x").substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> box.open("whsec_plain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
    }

    @Test
    void refusesMissingOrShortKeysWithAClearMessage() {
        assertThatThrownBy(() -> new SecretBox(null)).hasMessageContaining("lantian.secrets.encryption-key is not set");
        assertThatThrownBy(() -> new SecretBox("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32");
        assertThat(new SecretBox(SecretBox.newKey()).toString()).doesNotContain("=");
    }
}
