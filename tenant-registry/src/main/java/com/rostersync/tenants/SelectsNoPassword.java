package com.rostersync.tenants;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An SIS query override may not select a password column: {@link PasswordsStayInTheSis}. */
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SelectsNoPassword.Check.class)
@interface SelectsNoPassword {

    String message() default "must not select a password column";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<SelectsNoPassword, String> {

        @Override
        public boolean isValid(String sql, ConstraintValidatorContext context) {
            return sql == null || !PasswordsStayInTheSis.selectsPassword(sql);
        }
    }
}
