package dev.hangar.bootstrap;

/** Which family of outbound adapters a node runs on. */
public enum AdapterMode {
  /**
   * The catalog in this process's memory, files in a temporary folder removed on close: one node, nothing kept
   * after it stops (the embedding API's and the tests' default).
   */
  MEMORY,
  /**
   * The catalog in a SQLite database and the files on local disk, both in the data folder: one node, durable
   * (a reply of 200 survives kill -9 and power loss); the jar's default.
   */
  LOCAL,
  /** The catalog and files in S3, upload credentials from STS: any number of stateless nodes share one state. */
  AWS
}
