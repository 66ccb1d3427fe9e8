package dev.tenantry.command.identity;

import dev.tenantry.api.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void aPasswordShorterThanTheMinimumIsRefusedNamingTheField() {
        assertThatThrownBy(() -> policy.check("elevenchars"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.code()).isEqualTo("validation-failed");
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(e.getMessage()).isEqualTo("password must be at least 12 characters");
                });
        assertThatCode(() -> policy.check("twelve chars")).doesNotThrowAnyException();
    }

    /** Characters are what a person types: twelve emoji are twelve characters, not 24 UTF-16 units. */
    @Test
    void lengthCountsCharactersNotCodeUnits() {
        assertThatThrownBy(() -> policy.check("\uD83D\uDE00".repeat(11))).isInstanceOf(DomainException.class);
        assertThatCode(() -> policy.check("\uD83D\uDE00".repeat(12))).doesNotThrowAnyException();
    }

    /** bcrypt ignores what follows its 72nd byte: a longer password would be a shorter one in disguise. */
    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIsRefused() {
        assertThatCode(() -> policy.check("a".repeat(72))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("a".repeat(73)))
                .hasMessage("password must be at most 72 bytes");
        assertThatThrownBy(() -> policy.check("\u00e9".repeat(37))) // 37 characters, 74 bytes
                .hasMessage("password must be at most 72 bytes");
    }
}
