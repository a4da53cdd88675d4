package dev.hangar.bootstrap;

/** Which family of outbound adapters a node runs on. */
public enum AdapterMode {
  /** Everything in this process's memory: one node, state lost on exit. */
  MEMORY
}
