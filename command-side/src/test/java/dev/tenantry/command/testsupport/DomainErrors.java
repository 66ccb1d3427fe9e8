package dev.tenantry.command.testsupport;

import dev.tenantry.api.DomainException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by its stable code, which is what clients see, rather than by its wording. */
public final class DomainErrors {

    private DomainErrors() {
    }

    public static Matcher<DomainException> domainError(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException exception) {
                return code.equals(exception.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(DomainException exception, Description mismatch) {
                mismatch.appendText("code was ").appendValue(exception.code());
            }
        };
    }
}
