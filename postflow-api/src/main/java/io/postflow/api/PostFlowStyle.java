package io.postflow.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style every PostFlow value uses: the generated {@code ImmutableX} classes
 * stay package-private and never appear in a signature; users see {@code X}, {@code X.builder()}
 * and {@code X.of(...)} only. Source-retained, so nothing of Immutables is needed at run time.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = true),
    redactedMask = "****",
    allParameters = false,
    jdkOnly = true)
public @interface PostFlowStyle {}
