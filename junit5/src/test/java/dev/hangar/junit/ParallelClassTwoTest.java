package dev.hangar.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs at the same time as the other ParallelClass test, on a node of its own ({@link ParallelClasses}). */
class ParallelClassTwoTest {
  @RegisterExtension
  static final HangarExtension hangar = HangarExtension.builder().build();

  @Test
  void runsAtTheSameTimeAsTheOtherClass_onItsOwnNode() throws Exception {
    ParallelClasses.meetTheOtherClass(hangar);
  }
}
