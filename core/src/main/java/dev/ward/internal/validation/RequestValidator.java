package dev.ward.internal.validation;

import dev.ward.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.HibernateValidator;

/**
 * Bean Validation (Hibernate Validator) of request records, with English messages.
 *
 * <p>The validator factory is expensive to build and immutable, so one is shared by every
 * {@code AuthManager} of the JVM and built on first use.
 */
public final class RequestValidator {

    private RequestValidator() {
    }

    private static final class Holder {
        static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ENGLISH)
                .locales(Locale.ENGLISH)
                .buildValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }

    /**
     * Validates an annotated object.
     *
     * @param request the object
     * @return every violation, sorted by field then message; empty when valid
     */
    public static List<FieldViolation> validate(Object request) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<Object> violation : Holder.VALIDATOR.validate(request)) {
            violations.add(new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message));
        return violations;
    }
}
