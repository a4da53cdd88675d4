package dev.hangar.bootstrap;

/** Which family of outbound adapters a node runs on. */
public enum AdapterMode {
  /** Everything in this process's memory (catalog) and on local disk (files): one node, state lost on exit. */
  MEMORY,
  /** The catalog and files in S3, upload credentials from STS: any number of stateless nodes share one state. */
  AWS
}
