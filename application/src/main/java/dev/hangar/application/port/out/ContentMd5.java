package dev.hangar.application.port.out;

/**
 * Content for an {@link UploadStore} that computes the MD5 of its own bytes while they are read (the upload
 * endpoint verifies a payload and digests it in the same pass). A store given such a stream takes this MD5 for the
 * ETag once the stream has ended, instead of digesting the same bytes again: each uploaded byte is hashed once per
 * algorithm.
 */
public interface ContentMd5 {
  /** The lower-case hex MD5 of every byte this stream returned; known once a read returned -1. */
  String md5Hex();
}
