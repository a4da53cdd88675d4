package dev.hangar.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Leaves out classes packaged in a Maven test-jar (such as {@code hangar-application-…-tests.jar}). {@link
 * ImportOption.DoNotIncludeTests} only recognises test-class directories, and the application test-jar (fakes and
 * contract tests that use JUnit and AssertJ) is on this module's test classpath.
 */
public final class DoNotIncludeTestJars implements ImportOption {
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

  @Override
  public boolean includes(Location location) {
    return !location.matches(TEST_JAR);
  }
}
