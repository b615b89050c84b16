package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import parley.p2p.link.Token;

/** The token: 256 random bits, proofs bound to their purpose and inputs, never shown. */
class TokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aTokenIs256RandomBitsInBase64Url() {
        Token one = Token.random(random);
        Token two = Token.random(random);
        assertThat(Base64.getUrlDecoder().decode(one.encoded())).hasSize(32);
        assertThat(one.encoded()).matches("[A-Za-z0-9_-]{43}");
        assertThat(one).isNotEqualTo(two);
        assertThat(Token.parse(one.encoded())).isEqualTo(one);
    }

    @Test
    void itIsNeverShown() {
        Token token = Token.random(random);
        assertThat(token.toString()).isEqualTo("Token[hidden]").doesNotContain(token.encoded());
        assertThatThrownBy(() -> Token.parse("c2hvcnQ")).hasMessage("a token has 16 to 64 bytes, this one 5")
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> Token.parse("not base64!")).hasMessage("a token is base64url text");
    }

    @Test
    void aProofHoldsOnlyForItsTokenPurposeAndInputs() {
        Token token = Token.random(random);
        String proof = token.prove("callee", "p2p-1", "na", "nb");
        assertThat(token.verify(proof, "callee", "p2p-1", "na", "nb")).isTrue();
        assertThat(Token.random(random).verify(proof, "callee", "p2p-1", "na", "nb")).isFalse();
        assertThat(token.verify(proof, "caller", "p2p-1", "na", "nb")).isFalse();
        assertThat(token.verify(proof, "callee", "p2p-2", "na", "nb")).isFalse();
        assertThat(token.verify(proof, "callee", "p2p-1", "nb", "na")).isFalse();
        assertThat(token.verify(proof, "callee", "p2p-1", "na", "n", "b")).isFalse(); // length-prefixed: no shifting
        assertThat(token.verify(null, "callee", "p2p-1", "na", "nb")).isFalse();
        assertThat(token.verify("%%%", "callee", "p2p-1", "na", "nb")).isFalse();
    }
}
