package dev.hangar.adapter.aws;

import dev.hangar.domain.build.AccountId;
import dev.hangar.domain.build.Build;
import dev.hangar.domain.build.BuildId;
import dev.hangar.domain.build.BuildStatus;
import dev.hangar.domain.build.FreeText;
import dev.hangar.domain.build.OperatingSystem;
import dev.hangar.domain.build.Region;
import dev.hangar.domain.build.ServerSdkVersion;
import dev.hangar.domain.build.Tag;
import dev.hangar.domain.build.Tags;
import dev.hangar.domain.storage.BucketName;
import dev.hangar.domain.storage.ObjectKey;
import dev.hangar.domain.storage.ObjectVersion;
import dev.hangar.domain.storage.RoleArn;
import dev.hangar.domain.storage.StorageLocation;
import dev.hangar.domain.storage.StoredObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A build as one catalog object: a Java properties document (plain text, versioned by a {@code format} key).
 * Hand-written on purpose: the AWS adapter carries no JSON library of its own.
 */
final class BuildRecords {
  private static final String FORMAT = "1";

  private BuildRecords() {
  }

  static String write(Build build) {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("id", build.id().value());
    p.setProperty("owner", build.owner().value());
    p.setProperty("region", build.region().value());
    build.name().ifPresent(name -> p.setProperty("name", name.value()));
    build.version().ifPresent(version -> p.setProperty("version", version.value()));
    p.setProperty("operatingSystem", build.operatingSystem().name());
    p.setProperty("serverSdkVersion", build.serverSdkVersion().value());
    p.setProperty("status", build.status().name());
    p.setProperty("sizeOnDisk", Long.toString(build.sizeOnDisk()));
    p.setProperty("creationTime", build.creationTime().toString());
    StorageLocation location = build.storageLocation();
    p.setProperty("location.bucket", location.bucket().value());
    p.setProperty("location.key", location.key().value());
    location.roleArn().ifPresent(role -> p.setProperty("location.roleArn", role.value()));
    location.objectVersion().ifPresent(version -> p.setProperty("location.objectVersion", version.value()));
    build.files().ifPresent(files -> {
      p.setProperty("files.size", Long.toString(files.size()));
      p.setProperty("files.etag", files.etag());
      p.setProperty("files.versionId", files.versionId());
      p.setProperty("files.lastModified", files.lastModified().toString());
    });
    List<Tag> tags = build.tags().asList();
    p.setProperty("tags", Integer.toString(tags.size()));
    for (int i = 0; i < tags.size(); i++) {
      p.setProperty("tag." + i + ".key", tags.get(i).key());
      p.setProperty("tag." + i + ".value", tags.get(i).value());
    }
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Build read(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new IllegalStateException("a catalog record of unknown format " + p.getProperty("format"));
    }
    BucketName bucket = new BucketName(p.getProperty("location.bucket"));
    ObjectKey key = new ObjectKey(p.getProperty("location.key"));
    StorageLocation location = p.getProperty("location.roleArn") == null
        ? StorageLocation.serviceOwned(bucket, key)
        : StorageLocation.callerOwned(bucket, key, new RoleArn(p.getProperty("location.roleArn")),
            Optional.ofNullable(p.getProperty("location.objectVersion")).map(ObjectVersion::new));
    int count = Integer.parseInt(p.getProperty("tags"));
    List<Tag> tags = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tags.add(new Tag(p.getProperty("tag." + i + ".key"), p.getProperty("tag." + i + ".value")));
    }
    return Build.restore(new BuildId(p.getProperty("id")), new AccountId(p.getProperty("owner")), new Region(p.getProperty("region")),
        Optional.ofNullable(p.getProperty("name")).map(FreeText::new), Optional.ofNullable(p.getProperty("version")).map(FreeText::new),
        OperatingSystem.valueOf(p.getProperty("operatingSystem")), new ServerSdkVersion(p.getProperty("serverSdkVersion")),
        BuildStatus.valueOf(p.getProperty("status")), Long.parseLong(p.getProperty("sizeOnDisk")),
        Instant.parse(p.getProperty("creationTime")), location, Tags.of(tags),
        Optional.ofNullable(p.getProperty("files.etag")).map(etag -> new StoredObject(Long.parseLong(p.getProperty("files.size")), etag,
            p.getProperty("files.versionId"),
            // Records written before the time was kept: the build's creation time stands in for it.
            Instant.parse(p.getProperty("files.lastModified", p.getProperty("creationTime"))))));
  }
}
