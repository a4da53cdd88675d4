package dev.hangar.junit;

/**
 * A principal's API keys and its account: give the two keys to an SDK's static credentials provider. The secret
 * never appears in {@link #toString()}.
 */
public record HangarKeys(String accountId, String accessKeyId, String secretAccessKey) {
  @Override
  public String toString() {
    return "HangarKeys[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
  }
}
