package dev.hangar.adapter.http;

/**
 * One GameLift operation: a wire request record in, a use case called, a wire response record out
 * ({@code null} for an operation with no output shape, sent as an empty body).
 */
public interface GameLiftOperation<I, O> {
  /** The operation name, as in {@code X-Amz-Target: GameLift.<name>}. */
  String name();

  Class<I> requestType();

  O execute(Caller caller, I request);

  /**
   * Whether running this request may block on files (a copy, a delete): it then leaves Undertow's IO thread
   * even where the other operations run on it.
   */
  default boolean mayBlock(I request) {
    return false;
  }

  /** Whether the operation changes the catalog: on a durable catalog it waits for a commit, so it leaves the IO thread. */
  default boolean writesCatalog() {
    return false;
  }

  /** Whether the model lists ConflictException for this operation; a state conflict is otherwise an invalid request. */
  default boolean declaresConflict() {
    return false;
  }
}
