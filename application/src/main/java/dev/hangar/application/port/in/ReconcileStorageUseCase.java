package dev.hangar.application.port.in;

/**
 * Brings a durable node's catalog and files back into agreement when it starts, whatever moment a crash
 * stopped the last run at: an object no build owns is deleted; an INITIALIZED build whose object is complete
 * is judged (READY or FAILED), and a READY build whose object is gone or changed becomes FAILED.
 */
public interface ReconcileStorageUseCase {
  /** What one pass did. */
  record Report(int builds, int buildsChanged, int orphanObjectsDeleted) {
  }

  Report reconcileStorage();
}
